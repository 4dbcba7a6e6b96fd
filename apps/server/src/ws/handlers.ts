/**
 * One handler per request type. The record's type makes the compiler insist
 * on a handler for every request in the protocol, and on the right result
 * shape for each.
 */
import type { ParsedRequestOf, RequestType, ResultMap } from '@ftpdeck/protocol';
import type { Session } from '../sessions/Session.ts';

type Handler<T extends RequestType> = (session: Session, msg: ParsedRequestOf<T>) => Promise<ResultMap[T]>;
type HandlerMap = { [T in RequestType]: Handler<T> };

const empty = {} as Record<string, never>;

export const handlers: HandlerMap = {
  connect: (s, m) => s.connect(m.params),
  disconnect: async (s) => {
    await s.disconnect();
    return empty;
  },
  'set-encoding': (s, m) => s.setEncoding(m.encoding, m.path),
  list: (s, m) => s.list(m.path),
  cd: (s, m) => s.cd(m.path),
  stat: (s, m) => s.stat(m.path),
  mkdir: async (s, m) => {
    await s.mkdir(m.path);
    return empty;
  },
  mkdirs: (s, m) => s.mkdirs(m.paths),
  remove: async (s, m) => ({ removed: await s.remove(m.path, m.dir, m.recursive, m.job) }),
  'remove-cancel': async (s, m) => ({ stopping: s.deletes.cancel(m.job) }),
  rename: async (s, m) => {
    await s.rename(m.from, m.to);
    return empty;
  },
  chmod: async (s, m) => {
    await s.chmod(m.path, m.mode);
    return empty;
  },
  'upload-start': (s, m) => s.transfers.startUpload(m),
  'transfer-cancel': async (s, m) => {
    s.transfers.cancel(m.transferId);
    return empty;
  },
  'download-cancel': async (s, m) => ({ stopping: s.transfers.downloads.cancel(m.downloadId) }),
  raw: (s, m) => s.raw(m.line),
  'download-link': async (s, m) => s.downloadLink(m.paths, m),
};

/** Dispatches a validated request to its handler. */
export function dispatch<T extends RequestType>(session: Session, msg: ParsedRequestOf<T> & { type: T }): Promise<ResultMap[T]> {
  const handler = handlers[msg.type] as Handler<T>;
  return handler(session, msg);
}
