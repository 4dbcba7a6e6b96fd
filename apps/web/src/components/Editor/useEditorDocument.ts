/**
 * The editor's document: reading the file, decoding it, the text being
 * edited, and saving it back only when that is safe. The component only
 * draws what this returns.
 *
 * Safe means: the bytes written are the file's own kind (charset, BOM,
 * line end; lib/textCodec.ts), a file that would not survive that round
 * trip is never written, and a file that changed on the server since it
 * was read is not replaced without the user saying so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ServerErrorCodes, type WireEntry, type WireError } from '@ftpdeck/protocol';
import { EditReadError, type EditSource } from '../../api/editOps.ts';
import type { PutOutcome } from '../../api/uploadQueue.ts';
import { useServices } from '../../hooks/tabContext.ts';
import { wireErrorOf } from '../../lib/errorMessages.ts';
import { decodeTextFile, encodeTextFile, sameBytes, UnencodableError, type TextFile, type TextRefusal } from '../../lib/textCodec.ts';

/** What stands in the way of a save until the user answers. */
export type SavePrompt =
  /** The file on the server is not the one that was read: it now holds `size` bytes (null: it is gone). */
  | { kind: 'changed'; size: number | null }
  /** The server's copy could not be read to compare, for this reason. */
  | { kind: 'unchecked'; error: WireError }
  /** A character the charset has no bytes for. */
  | { kind: 'unencodable'; char: string; line: number };

/** The document as the editor shows it. */
export type EditorDocument =
  | { phase: 'loading' }
  | { phase: 'failed'; error: WireError }
  /** Not text, or not UTF-8 and no charset chosen yet. */
  | { phase: 'refused'; why: TextRefusal }
  | { phase: 'ready'; file: TextFile };

/** How the last save went. */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; verifiedBy?: string } | { kind: 'failed'; error: WireError };

/** What {@link useEditorDocument} gives the component. */
export interface EditorModel {
  doc: EditorDocument;
  path: string | undefined;
  /** The charset the bytes are read as ('utf8' until the user picks another). */
  charset: string;
  /**
   * The text the textarea starts from (the file as decoded), and a count
   * that changes whenever it is replaced (a charset switch), for its key.
   * The textarea is not controlled: React then never compares or sets its
   * whole value on a key press; the browser's own textarea work is what
   * remains (see MAX_EDIT_BYTES).
   */
  initialText: string;
  textVersion: number;
  dirty: boolean;
  save: SaveState;
  prompt: SavePrompt | null;
  /** Hands the model a way to read the textarea's text (at save time). */
  readTextWith(read: () => string): void;
  /** The text was changed by the user. */
  edited(): void;
  /** Saves the text as the file's bytes to this computer (after a save that failed). */
  downloadCopy(): void;
  /** Reads the same bytes as another charset (only while nothing is typed). */
  chooseCharset(charset: string): void;
  /** Saves; `overwrite` answers a 'changed' prompt with yes. */
  saveNow(overwrite?: boolean): Promise<void>;
  dismissPrompt(): void;
}

/** Loads `entry` of the directory on screen and runs its edits and saves. */
export function useEditorDocument(entry: WireEntry): EditorModel {
  const { ops } = useServices();
  const [source, setSource] = useState<EditSource | null>(null);
  const [doc, setDoc] = useState<EditorDocument>({ phase: 'loading' });
  const [charset, setCharset] = useState('utf8');
  const [initialText, setInitialText] = useState('');
  const [textVersion, setTextVersion] = useState(0);
  const [edits, setEdits] = useState(false);
  const readText = useRef<() => string>(() => '');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [prompt, setPrompt] = useState<SavePrompt | null>(null);
  /** The server's bytes as read, or as this editor last wrote them: a save first checks they are still there. */
  const baseline = useRef<Uint8Array | null>(null);

  const show = useCallback((bytes: Uint8Array, chosen: string | undefined) => {
    const decoded = decodeTextFile(bytes, chosen);
    if (typeof decoded === 'string') {
      setDoc({ phase: 'refused', why: decoded });
      return;
    }
    setDoc({ phase: 'ready', file: decoded });
    setCharset(decoded.charset);
    setInitialText(decoded.text);
    setTextVersion((v) => v + 1);
    setEdits(false);
  }, []);

  useEffect(() => {
    let live = true;
    ops.readForEdit(entry).then(
      (read) => {
        if (!live) return;
        setSource(read);
        baseline.current = read.bytes;
        show(read.bytes, undefined);
      },
      (err: unknown) => {
        if (live) setDoc({ phase: 'failed', error: err instanceof EditReadError ? err.wire : wireErrorOf(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [ops, entry, show]);

  const dirty = doc.phase === 'ready' && edits;

  const chooseCharset = (next: string) => {
    if (!source || dirty) return;
    setCharset(next);
    show(source.bytes, next);
  };

  const saveNow = async (overwrite = false) => {
    if (doc.phase !== 'ready' || doc.file.readOnly || !source || save.kind === 'saving') return;
    // Ctrl+S on text nobody changed writes nothing (a retry after a failed save still may).
    if (!dirty && save.kind !== 'failed' && !overwrite) return;
    const typed = readText.current();
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = encodeTextFile(doc.file, typed);
    } catch (err) {
      if (!(err instanceof UnencodableError)) throw err;
      setPrompt({ kind: 'unencodable', char: err.char, line: err.line });
      return;
    }
    setPrompt(null);
    setSave({ kind: 'saving' });
    try {
      const read = baseline.current;
      if (!overwrite && read !== null) {
        // Compared by bytes: exact whatever the server's dates say, and through links.
        let now: Uint8Array | null;
        try {
          now = await ops.readBytes(source.path);
        } catch (err) {
          const wire = err instanceof EditReadError ? err.wire : wireErrorOf(err);
          if (wire.code !== ServerErrorCodes.NOT_FOUND) {
            setSave({ kind: 'idle' });
            setPrompt({ kind: 'unchecked', error: wire });
            return;
          }
          now = null;
        }
        if (now === null || !sameBytes(now, read)) {
          setSave({ kind: 'idle' });
          setPrompt({ kind: 'changed', size: now?.length ?? null });
          return;
        }
      }
      const name = source.path.slice(source.path.lastIndexOf('/') + 1);
      const outcome: PutOutcome = await ops.put(new File([bytes], name), source.path);
      if (outcome.status !== 'done') {
        setSave({ kind: 'failed', error: outcome.error ?? { code: ServerErrorCodes.CANCELLED, message: `the upload was ${outcome.status}` } });
        return;
      }
      baseline.current = bytes;
      // Typing that went on while it saved is still unsaved.
      if (readText.current() === typed) setEdits(false);
      setSave({ kind: 'saved', ...(outcome.verifiedBy !== undefined ? { verifiedBy: outcome.verifiedBy } : {}) });
    } catch (err) {
      setSave({ kind: 'failed', error: wireErrorOf(err) });
    }
  };

  const downloadCopy = () => {
    if (doc.phase !== 'ready' || !source) return;
    const text = readText.current();
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = encodeTextFile(doc.file, text);
    } catch {
      // A character the charset lacks: the copy is UTF-8, so nothing typed is lost.
      bytes = new TextEncoder().encode(text);
    }
    const url = URL.createObjectURL(new Blob([bytes]));
    const link = document.createElement('a');
    link.href = url;
    link.download = source.path.slice(source.path.lastIndexOf('/') + 1);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  return {
    doc,
    path: source?.path,
    charset,
    initialText,
    textVersion,
    dirty,
    save,
    prompt,
    readTextWith: (read) => {
      readText.current = read;
    },
    edited: () => {
      if (!edits) setEdits(true);
      if (save.kind === 'saved' || save.kind === 'failed') setSave({ kind: 'idle' });
    },
    chooseCharset,
    saveNow,
    downloadCopy,
    dismissPrompt: () => setPrompt(null),
  };
}
