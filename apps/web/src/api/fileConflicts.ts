/**
 * "File exists" handling for an upload or move batch: knowing what a target
 * folder holds right now (one fresh `list` per folder per batch: the listing
 * on screen may be minutes old, and trusting it let an upload replace a file
 * someone else had just written), suggesting a free name, and remembering an
 * "apply to all" answer.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import { baseName, joinPath, parentPath } from '../lib/remotePath.ts';
import type { AppState } from '../store/types.ts';
import type { RequestFn } from './types.ts';
import type { UploadMode } from './uploader.ts';

/**
 * What the user chose for a name that already exists. The two conditional
 * ones (FileZilla's "overwrite if source newer" and "if different size",
 * for sending a changed site again) are decided per file from both sides'
 * facts: overwrite, or skip.
 */
export type ConflictAction = 'overwrite' | 'resume' | 'rename' | 'skip' | 'overwriteIfNewer' | 'overwriteIfSizeDiffers';

/** The actions decided per file by {@link conditionalOverwrite}. */
export type ConditionalAction = Extract<ConflictAction, 'overwriteIfNewer' | 'overwriteIfSizeDiffers'>;

/** The answer to one conflict. */
export interface ConflictDecision {
  action: ConflictAction;
  /** The new name, for `rename`. */
  newName?: string;
  /** Use the same action for the rest of the batch. */
  applyToAll: boolean;
}

/** One upload whose target name exists on the server. */
export interface FileConflict {
  name: string;
  /** Absolute remote folder. */
  dir: string;
  localSize: number;
  /** Goes in ASCII: it cannot resume (the server's bytes are no offset into the file). */
  ascii?: boolean;
  /** Size of the remote entry; null when it is a folder or the server gave none. */
  remoteSize: number | null;
  /**
   * The server's shorter file is not the start of this one (its last bytes
   * differ; see resumeCheck.ts): resuming would join two different files.
   */
  notTheStart?: boolean;
  remoteIsDir: boolean;
  /** A free name in the same folder, e.g. `report (1).pdf`. */
  suggestion: string;
  /** Names the folder already holds (this one included), so a typed new name can be checked before it is sent. */
  taken: ReadonlySet<string>;
  /** Uploads after this one in the batch (for the "apply to all" label). */
  remaining: number;
  /** What brings the name here: an upload (the default) or a move of a remote entry. */
  op?: 'upload' | 'move';
  /** The incoming entry is a folder (moves only): it cannot replace anything, nor be replaced. */
  localIsDir?: boolean;
  /** When the server's entry was last changed (ISO 8601), if the listing said. */
  remoteModified?: string;
  /** Precision of `remoteModified` (see WireEntry). */
  remoteModifiedPrecision?: WireEntry['modifiedPrecision'];
  /** When the incoming file was last changed (ISO 8601), if known. */
  localModified?: string;
}

/** Overwriting is refused outright when either side is a folder: a move or STOR would replace or break a whole tree. */
export function canOverwrite(c: Pick<FileConflict, 'remoteIsDir' | 'localIsDir'>): boolean {
  return !c.remoteIsDir && c.localIsDir !== true;
}

/**
 * How far after the server's time a file must be to count as newer: the
 * listing's precision (a minute's time covers the whole minute; a date
 * alone, printed in the server's zone, up to two days around it), or two
 * seconds (FAT and some servers store even seconds).
 */
function newerSlackMs(precision: FileConflict['remoteModifiedPrecision']): number {
  if (precision === 'day') return 2 * 86_400_000;
  if (precision === 'minute') return 60_000;
  return 2_000;
}

/**
 * Whether a conditional action overwrites this file (true) or skips it
 * (false); undefined when the facts to decide are missing (no date on one
 * side; sizes of an ASCII upload, which the line ends change), and the
 * user is asked instead.
 */
export function conditionalOverwrite(
  action: ConditionalAction,
  c: Pick<FileConflict, 'localSize' | 'remoteSize' | 'localModified' | 'remoteModified' | 'remoteModifiedPrecision' | 'ascii'>,
): boolean | undefined {
  if (action === 'overwriteIfSizeDiffers') return c.ascii || c.remoteSize === null ? undefined : c.remoteSize !== c.localSize;
  const local = c.localModified ? Date.parse(c.localModified) : NaN;
  const remote = c.remoteModified ? Date.parse(c.remoteModified) : NaN;
  if (!Number.isFinite(local) || !Number.isFinite(remote)) return undefined;
  return local > remote + newerSlackMs(c.remoteModifiedPrecision);
}

/** True for the actions {@link conditionalOverwrite} decides. */
export function isConditional(action: ConflictAction): action is ConditionalAction {
  return action === 'overwriteIfNewer' || action === 'overwriteIfSizeDiffers';
}

/**
 * Resume makes sense only for an upload, when the server holds a shorter
 * file that is the start of this one (as far as could be checked), and only
 * in binary.
 */
export function canResume(c: Pick<FileConflict, 'remoteSize' | 'localSize' | 'remoteIsDir' | 'ascii' | 'op' | 'notTheStart'>): boolean {
  return c.op !== 'move' && c.ascii !== true && !c.remoteIsDir && c.remoteSize !== null && c.remoteSize < c.localSize && c.notTheStart !== true;
}

/** `name (n).ext` for the first n ≥ 1 not in `taken`. Dot-files keep their whole name as the stem. */
export function suggestName(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; ; n += 1) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** What a folder holds, by name. */
export type FolderIndex = Map<string, Pick<WireEntry, 'type' | 'size' | 'modifiedAt' | 'modifiedPrecision'>>;

/** Per-batch memory: folder contents and the "apply to all" answer. */
export class ConflictBatch {
  decision: ConflictDecision | null = null;
  /** Files of the batch whose conflict is not settled yet (for "apply to all (n more)"). */
  pending = 0;
  readonly #done = new WeakSet<ConflictJob>();
  readonly #folders = new Map<string, Promise<FolderIndex>>();

  constructor(
    private readonly request: RequestFn,
    private readonly store: StoreApi<AppState>,
  ) {}

  /**
   * `job` is settled: it no longer counts in {@link pending}. Called as soon
   * as its question is answered, so the next dialog counts the files really
   * left, and again by the caller when the job is through, whatever happened
   * (a job without a conflict asks nothing); only the first call counts.
   */
  done(job: ConflictJob): void {
    if (this.#done.has(job)) return;
    this.#done.add(job);
    this.pending -= 1;
  }

  /** Uses `index` as what `dir` holds, for a caller that listed it itself (and must not go on without it). */
  seed(dir: string, index: FolderIndex): void {
    this.#folders.set(dir, Promise.resolve(index));
  }

  /**
   * The folder's entries from one fresh `list` (cached for the batch), even
   * for the folder on screen: someone else may have written to it since.
   * When the list fails, the listing on screen is the best left to go by.
   */
  folder(dir: string): Promise<FolderIndex> {
    let found = this.#folders.get(dir);
    if (!found) {
      found = this.request({ type: 'list', path: dir }).then(
        (res) => folderIndex(res.entries),
        () => {
          const shown = this.store.getState().listing;
          // A folder that cannot be listed (just created, or missing) holds nothing to collide with.
          return shown && shown.path === dir ? folderIndex(shown.entries) : new Map();
        },
      );
      this.#folders.set(dir, found);
    }
    return found;
  }
}

/** A folder's entries by name. */
export function folderIndex(entries: readonly WireEntry[]): FolderIndex {
  return new Map(entries.map((e) => [e.name, { type: e.type, size: e.size, modifiedAt: e.modifiedAt, modifiedPrecision: e.modifiedPrecision }]));
}

/** One upload, as the resolver sees it. */
export interface ConflictJob {
  /** Absolute remote path it would be written to. */
  path: string;
  size: number;
  /** Set for an upload that goes in ASCII (see FileConflict.ascii). */
  ascii?: boolean;
  /** A move of a remote entry rather than an upload (see FileConflict.op). */
  op?: 'upload' | 'move';
  /** The incoming entry is a folder (moves only). */
  isDir?: boolean;
  /** When the incoming file was last changed (ISO 8601), if known. */
  modified?: string;
  /**
   * Uploads: whether the server's file of `remoteSize` bytes is the start of
   * this one (undefined when that cannot be told); asked before Resume is
   * offered.
   */
  holdsStart?(remoteSize: number): Promise<boolean | undefined>;
  /** Cancelled or paused meanwhile. */
  aborted(): boolean;
  /** Called with true while the user is being asked about this upload, false after. */
  asking(on: boolean): void;
}

/** What to do with an upload. */
export type Resolution =
  /** `replaces`: the user chose to overwrite a file the server holds (a cancel then leaves a partial copy in its place). */
  | { action: 'upload'; mode: UploadMode; path: string; replaces?: boolean }
  | { action: 'skip' }
  | { action: 'aborted' };

/** A standing "apply to all" answer fits this conflict unless it says resume and resume makes no sense here. */
function standing(batch: ConflictBatch, conflict: FileConflict): ConflictDecision | null {
  const d = batch.decision;
  if (!d) return null;
  // "Overwrite all" never reaches a folder: that one is asked about on its own.
  if (d.action === 'overwrite' && !canOverwrite(conflict)) return null;
  if (d.action === 'resume' && !canResume(conflict)) {
    // The server already holds the whole file: nothing to resume, nothing to send.
    return conflict.remoteSize === conflict.localSize ? { action: 'skip', applyToAll: true } : null;
  }
  // Decided per file; a file it cannot decide for (or a folder it would overwrite) is asked about.
  if (isConditional(d.action)) {
    const overwrite = conditionalOverwrite(d.action, conflict);
    if (overwrite === undefined || (overwrite && !canOverwrite(conflict))) return null;
    return d;
  }
  // A typed name applies to one file only; the rest get their own free names.
  return d.action === 'rename' ? { action: 'rename', applyToAll: true } : d;
}

/**
 * Builds the resolver an upload queue calls before each file's first
 * attempt. Questions come one at a time: a second conflict waits until the
 * first is answered, and may then be covered by "apply to all".
 */
export function createConflictResolver(ask: (conflict: FileConflict) => Promise<ConflictDecision>) {
  let queue: Promise<unknown> = Promise.resolve();

  return async function resolve(batch: ConflictBatch, job: ConflictJob): Promise<Resolution> {
    const dir = parentPath(job.path);
    const name = baseName(job.path);
    const folder = await batch.folder(dir);
    const remote = folder.get(name);
    // Later files of the batch must not collide with this one either.
    const claim = (path: string) => folder.set(baseName(path), { type: job.isDir ? 'dir' : 'file', size: job.size });
    if (!remote) {
      claim(job.path);
      return { action: 'upload', mode: 'overwrite', path: job.path };
    }
    const taken = new Set(folder.keys());
    const conflict: FileConflict = {
      name,
      dir,
      localSize: job.size,
      ...(job.ascii ? { ascii: true } : {}),
      remoteSize: remote.size ?? null,
      remoteIsDir: remote.type === 'dir',
      suggestion: suggestName(name, taken),
      taken,
      remaining: 0,
      ...(job.op === 'move' ? { op: 'move' as const } : {}),
      ...(job.isDir ? { localIsDir: true } : {}),
      ...(remote.modifiedAt ? { remoteModified: remote.modifiedAt } : {}),
      ...(remote.modifiedPrecision ? { remoteModifiedPrecision: remote.modifiedPrecision } : {}),
      ...(job.modified ? { localModified: job.modified } : {}),
    };
    if (canResume(conflict) && job.holdsStart && conflict.remoteSize !== null && (await job.holdsStart(conflict.remoteSize)) === false) {
      conflict.notTheStart = true;
    }
    const turn = queue.then(async () => {
      if (job.aborted()) return null;
      const known = standing(batch, conflict);
      if (known) {
        batch.done(job);
        return known;
      }
      job.asking(true);
      try {
        const answer = await ask({ ...conflict, remaining: Math.max(0, batch.pending - 1) });
        batch.done(job);
        return answer;
      } finally {
        job.asking(false);
      }
    });
    queue = turn.catch(() => undefined);
    const decision = await turn;
    if (!decision) return { action: 'aborted' };
    if (decision.applyToAll) batch.decision = decision;
    // A conditional answer is settled here, from this file's facts (undecidable: the safe side, skip).
    const action = isConditional(decision.action) ? (conditionalOverwrite(decision.action, conflict) ? 'overwrite' : 'skip') : decision.action;
    // Whatever the answer says, a folder is never overwritten (the dialog offers no such button).
    if (action === 'overwrite' && !canOverwrite(conflict)) return { action: 'skip' };
    switch (action) {
      case 'skip':
        return { action: 'skip' };
      case 'overwrite':
        return { action: 'upload', mode: 'overwrite', path: job.path, replaces: true };
      case 'resume':
        return { action: 'upload', mode: 'resume', path: job.path };
      case 'rename': {
        // The dialog refuses taken names; a standing "apply to all" rename carries none, so it gets a free one.
        const newName = decision.newName && !taken.has(decision.newName) ? decision.newName : suggestName(name, taken);
        const path = joinPath(dir, newName);
        claim(path);
        return { action: 'upload', mode: 'overwrite', path };
      }
    }
  };
}

/** The resolver type {@link createConflictResolver} returns. */
export type ConflictResolver = ReturnType<typeof createConflictResolver>;

const dialogResolvers = new WeakMap<StoreApi<AppState>, ConflictResolver>();

/**
 * The resolver that asks with the tab's file-exists dialog. One per store,
 * so uploads and moves of the same tab take turns: a second question opened
 * over the first would replace it and leave the first waiting for ever.
 */
export function dialogConflictResolver(store: StoreApi<AppState>): ConflictResolver {
  let found = dialogResolvers.get(store);
  if (!found) {
    found = createConflictResolver(async (conflict) => {
      await untilFree(store);
      return new Promise<ConflictDecision>((respond) => store.getState().openDialog({ kind: 'file-exists', conflict, respond }));
    });
    dialogResolvers.set(store, found);
  }
  return found;
}

/**
 * Resolves once no file is open in the editor and no dialog is open. A
 * question from a background upload must not take the keyboard from
 * someone typing: its dialog would take focus mid-word, and Enter would
 * answer it (Review 24). The upload waits, its row says so, and the editor
 * tells that a question is waiting. Nor may it replace a dialog on screen:
 * the tab has one dialog at a time, and a question replaced (the "stop the
 * transfers?" one, or a rename half typed) would be lost with its answer
 * (Review 44).
 */
function untilFree(store: StoreApi<AppState>): Promise<void> {
  const free = (s: AppState) => s.editing === null && s.dialog === null;
  if (free(store.getState())) return Promise.resolve();
  // The editor's notice counts the questions held back for it.
  const counted = store.getState().editing !== null;
  if (counted) store.getState().setQuestionsWaiting(1);
  return new Promise((resolve) => {
    const stop = store.subscribe((s) => {
      if (!free(s)) return;
      stop();
      if (counted) s.setQuestionsWaiting(-1);
      resolve();
    });
  });
}
