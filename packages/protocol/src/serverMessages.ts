/**
 * Server → browser messages: the `welcome`, the one `reply` per request, and
 * the events (transcript, session state, transfer and download progress).
 * Plain types, not schemas: the server builds them, and the browser trusts
 * its own server. The browser's side is in messages.ts.
 */
import type { SessionState, WireError, WireTranscriptLine } from './dto.ts';
import type { RequestType, ResultMap } from './messages.ts';

/** How a transfer was verified: the remote SIZE, or a hash the server computed over the file (or its tail, see `verifiedFrom`). */
export type VerifiedBy = 'size' | 'md5' | 'crc32' | 'sha1' | 'sha256';

/** Server → browser messages. Plain types: the server builds them, the browser trusts its own server. */
export type ServerMessage =
  | {
      type: 'welcome';
      protocolVersion: number;
      sessionToken: string;
      resumed: boolean;
      state: SessionState;
      /**
       * The `downloadId`s of the downloads running now that the page is
       * shown. A download that ended while the page's socket was down is
       * not among them: its `download-end` went to no page. Absent: none.
       */
      downloads?: number[];
    }
  | { type: 'reply'; id: number; ok: true; result: ResultMap[RequestType] }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  | { type: 'transcript'; lines: WireTranscriptLine[] }
  | { type: 'session-state'; state: SessionState }
  | { type: 'upload-ack'; transferId: number; accepted: number }
  | {
      /** A recursive delete's progress: once as it starts (`removed: 0`), then at most 10 a second, and a `final` one as it ends, just before the `remove` reply. */
      type: 'remove-progress';
      job: number;
      /** The pool connection running the delete (`transfer-1`, …, or `browse` when the server allows one connection), to group its transcript lines. */
      connection: string;
      /** Files, links and folders removed so far. */
      removed: number;
      /** The path removed last. */
      path: string;
      /** The folder being deleted, so a page that did not start the delete (one reloaded since) can show and stop it. */
      root: string;
      /** On the last event of a delete, however it ended: a page that did not start it hears no reply. */
      final?: true;
    }
  | {
      type: 'transfer-progress';
      transferId: number;
      /** The pool connection moving the bytes (`transfer-1`, …), to group its transcript lines. */
      connection?: string;
      /** Bytes the relay has received from the browser. */
      received: number;
      /** Bytes confirmed written to the FTP data connection. */
      written: number;
      total: number;
      rate: number;
    }
  | {
      type: 'transfer-done';
      transferId: number;
      /** The pool connection that moved the bytes, when one was used. */
      connection?: string;
      ok: boolean;
      bytes: number;
      /** `true` when the remote size (and hash, when the server offers one) matched, a text when it did not; absent when nothing could be checked. */
      verified?: boolean | string;
      /** What `verified` rests on: the strongest check the server supported. */
      verifiedBy?: VerifiedBy;
      /**
       * With a hash in `verifiedBy`: the hash covered only the file's tail,
       * from this byte to the end (the part a resumed or appended upload
       * sent). Absent when it covered the whole file.
       */
      verifiedFrom?: number;
      /**
       * Only when `upload-start` sent `modified` and the time was tried (not
       * for an append, a failed check, or a stop during the checks): true when
       * the server set the file's time to it, false when it refused (the file
       * keeps the time of the upload; the transcript has its reply).
       */
      timeKept?: boolean;
      error?: WireError;
      /**
       * On a failed upload whose `error.retryable` is true, or a cancelled one:
       * how many bytes the server holds (its SIZE). Send `upload-start` with
       * `mode:'resume'` to continue (the reply's `offset` is authoritative).
       */
      resumeFrom?: number;
    }
  | {
      /**
       * An upload ended because the page that sent it went away (a reload, a
       * closed tab); sent to the page attached next, once. A page still
       * holding the file resumes it itself (a network blip); a new page
       * cannot, and tells the user what the server kept.
       */
      type: 'upload-interrupted';
      path: string;
      /** The file's declared size. */
      size: number;
      /** Bytes the server holds (its SIZE when it answered, else what the relay had passed on). */
      kept: number;
    }
  | {
      /**
       * A download the browser is receiving from one of this session's links
       * (not a View, not a `fetched` link): once as the browser asks for it
       * (`waiting`), once as its body starts (`bytes` = `offset`), then at
       * most 10 a second. Each event carries
       * what a page needs to show the download, so a page reloaded meanwhile
       * can show it too.
       */
      type: 'download-progress';
      /** Numbers the session's downloads; `download-cancel` stops one by it. */
      downloadId: number;
      /**
       * Numbers the link it came through. A browser that fetches a cut
       * download again on its own (Chromium does, from byte 0) comes
       * through the same link: a page can show both as one download.
       */
      link: number;
      /** The name the browser saves it as: the file's, or the ZIP's. */
      name: string;
      /** The remote file, or for a ZIP the first path it was made of. */
      path: string;
      /** A streamed ZIP of folders or several paths: `bytes` counts the archive, whose size is not known ahead. */
      zip?: true;
      /** A single file in ASCII mode (TYPE A, lines ending in LF). */
      ascii?: true;
      /**
       * Not begun yet: it waits for a free transfer connection, or its paths
       * are being looked up. `name`, `path` and `zip` are a guess until the
       * next event (a path may turn out to be a folder, and come as a ZIP).
       */
      waiting?: true;
      /** The pool connection moving the bytes (`transfer-1`, …), to group its transcript lines. */
      connection?: string;
      /** Where in the file the response began (a Range request); 0 otherwise. */
      offset: number;
      /** Position reached: the file's bytes up to here (offset included), or the archive's bytes so far. */
      bytes: number;
      /** The file's size when known (absent for a ZIP and for ASCII, whose line ends change the count). */
      total?: number;
      /** Bytes per second, smoothed. */
      rate: number;
      /**
       * Every byte has gone to the browser, and the FTP server is being asked
       * for its hash of the file (this algorithm) to compare with the relay's:
       * `download-end` follows with the outcome. Servers hash the whole file
       * before they answer, which can take seconds for a large one.
       */
      verifying?: VerifiedBy;
    }
  | {
      /** The download of a `download-progress` ended: sent once, however it ended. */
      type: 'download-end';
      downloadId: number;
      ok: boolean;
      /** Position reached, as in `download-progress`. */
      bytes: number;
      /**
       * Not a failure to explain: `browser` when the browser's side ended it
       * (its user cancelled it in the downloads list, the connection was cut,
       * the browser quit; closing the tab does not), `page` when the page
       * stopped it (`download-cancel`).
       */
      stopped?: 'browser' | 'page';
      /** Why it failed (not when `stopped`), the server's own aborts included (a closed session, a shutdown). A hash that differs from the server's fails it (`SRV_ERR_DOWNLOAD_MISMATCH`), though the browser has every byte. */
      error?: WireError;
      /**
       * On success: `true` when the check passed. Absent when nothing could be
       * checked (a ZIP, ASCII, a file without a size, a check the page's stop
       * cut short). A download's byte count always matches SIZE (it fails
       * otherwise), so `size` means no hash was to be had.
       */
      verified?: true;
      /** What `verified` rests on: the strongest check the server supported. */
      verifiedBy?: VerifiedBy;
      /** As in `transfer-done`: the hash covered the file from this byte on (a Range's tail). */
      verifiedFrom?: number;
    }
  | {
      /**
       * A download link opened by this session's page failed: before its
       * first byte (the browser got an error status and saved nothing), or
       * midway (the browser shows a failed download). Not sent when the
       * browser itself stopped the download.
       */
      type: 'download-failed';
      /** The paths the link was made for, as the page sent them. */
      paths: string[];
      /** The link was a View (a tab showing the file), not a download. */
      view?: true;
      /** Set when the page is shown the download (from its first, waiting event on): its `download-end`, sent just before, carries the same error. */
      downloadId?: number;
      /** The link, as in `download-progress`: a failed retry of a download the page shows is that download's. */
      link: number;
      error: WireError;
    }
  | { type: 'error'; error: WireError };

/** The reply message for a request type, for typed request helpers. */
export type ReplyFor<T extends RequestType> =
  | { type: 'reply'; id: number; ok: true; result: ResultMap[T] }
  | { type: 'reply'; id: number; ok: false; error: WireError };
