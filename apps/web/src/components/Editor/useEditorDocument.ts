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
import { decodeTextFile, encodeTextFile, UnencodableError, type TextFile, type TextRefusal } from '../../lib/textCodec.ts';

/** What stands in the way of a save until the user answers. */
export type SavePrompt =
  /** The file on the server is not the one that was read: `now` is what is there (null: gone). */
  | { kind: 'changed'; now: WireEntry | null }
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
  text: string;
  dirty: boolean;
  save: SaveState;
  prompt: SavePrompt | null;
  setText(text: string): void;
  /** Reads the same bytes as another charset (only while nothing is typed). */
  chooseCharset(charset: string): void;
  /** Saves; `overwrite` answers a 'changed' prompt with yes. */
  saveNow(overwrite?: boolean): Promise<void>;
  dismissPrompt(): void;
}

/** True when the server's entry is not the one the editor read. */
function changedSince(read: WireEntry, now: WireEntry | null): boolean {
  if (now === null) return true;
  return now.size !== read.size || now.modifiedAt !== read.modifiedAt;
}

/** Loads `entry` of the directory on screen and runs its edits and saves. */
export function useEditorDocument(entry: WireEntry): EditorModel {
  const { ops } = useServices();
  const [source, setSource] = useState<EditSource | null>(null);
  const [doc, setDoc] = useState<EditorDocument>({ phase: 'loading' });
  const [charset, setCharset] = useState('utf8');
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [prompt, setPrompt] = useState<SavePrompt | null>(null);
  /** What the server said of the file when it was read or last saved (null: it said nothing). */
  const baseline = useRef<WireEntry | null>(null);

  const show = useCallback((bytes: Uint8Array, chosen: string | undefined) => {
    const decoded = decodeTextFile(bytes, chosen);
    if (typeof decoded === 'string') {
      setDoc({ phase: 'refused', why: decoded });
      return;
    }
    setDoc({ phase: 'ready', file: decoded });
    setCharset(decoded.charset);
    setText(decoded.text);
    setSavedText(decoded.text);
  }, []);

  useEffect(() => {
    let live = true;
    ops.readForEdit(entry).then(
      (read) => {
        if (!live) return;
        setSource(read);
        baseline.current = read.remote;
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

  const dirty = doc.phase === 'ready' && text !== savedText;

  const chooseCharset = (next: string) => {
    if (!source || dirty) return;
    setCharset(next);
    show(source.bytes, next);
  };

  const saveNow = async (overwrite = false) => {
    if (doc.phase !== 'ready' || doc.file.readOnly || !source || save.kind === 'saving') return;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = encodeTextFile(doc.file, text);
    } catch (err) {
      if (!(err instanceof UnencodableError)) throw err;
      setPrompt({ kind: 'unencodable', char: err.char, line: err.line });
      return;
    }
    setPrompt(null);
    setSave({ kind: 'saving' });
    const typed = text;
    try {
      const read = baseline.current;
      if (!overwrite && read !== null) {
        const now = await ops.remoteEntry(source.path).catch(() => read);
        if (changedSince(read, now)) {
          setSave({ kind: 'idle' });
          setPrompt({ kind: 'changed', now });
          return;
        }
      }
      const name = source.path.slice(source.path.lastIndexOf('/') + 1);
      const outcome: PutOutcome = await ops.put(new File([bytes], name), source.path);
      if (outcome.status !== 'done') {
        setSave({ kind: 'failed', error: outcome.error ?? { code: ServerErrorCodes.CANCELLED, message: `the upload was ${outcome.status}` } });
        return;
      }
      setSavedText(typed);
      setSave({ kind: 'saved', ...(outcome.verifiedBy !== undefined ? { verifiedBy: outcome.verifiedBy } : {}) });
      // What the server now says is the version this editor wrote.
      baseline.current = await ops.remoteEntry(source.path).catch(() => null);
    } catch (err) {
      setSave({ kind: 'failed', error: wireErrorOf(err) });
    }
  };

  return {
    doc,
    path: source?.path,
    charset,
    text,
    dirty,
    save,
    prompt,
    setText: (next) => {
      setText(next);
      if (save.kind === 'saved' || save.kind === 'failed') setSave({ kind: 'idle' });
    },
    chooseCharset,
    saveNow,
    dismissPrompt: () => setPrompt(null),
  };
}
