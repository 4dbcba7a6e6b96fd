/**
 * GET /api/download?session=…&path=…: streams a remote file into the
 * browser's own download. Bytes flow from the FTP data connection straight
 * into the HTTP response with backpressure, so memory stays flat whatever the
 * size. `Range: bytes=N-` maps to REST N, so interrupted downloads resume.
 */
import { PassThrough } from 'node:stream';
import { ServerErrorCodes } from '@ftpdeck/protocol';
import type { FastifyInstance } from 'fastify';
import type { SessionManager } from '../sessions/SessionManager.ts';
import { errorToWire } from '../sessions/toWire.ts';

/** `attachment; filename*=UTF-8''…` with an ASCII fallback for old clients. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Parses `bytes=N-` (the only form resumable downloads need); null otherwise. */
export function parseRangeStart(header: string | undefined): number | null {
  const m = header === undefined ? null : /^bytes=(\d+)-$/.exec(header.trim());
  return m?.[1] === undefined ? null : Number(m[1]);
}

export function registerDownload(app: FastifyInstance, sessions: SessionManager): void {
  app.get<{ Querystring: { session?: string; path?: string } }>('/api/download', async (req, reply) => {
    const { session: token, path } = req.query;
    const session = token ? sessions.get(token) : undefined;
    if (!session) return reply.code(404).send({ code: ServerErrorCodes.NOT_CONNECTED, message: 'no such session' });
    if (!path || /[\r\n\0]/.test(path)) return reply.code(400).send({ code: ServerErrorCodes.BAD_MESSAGE, message: 'bad path' });
    let pool;
    try {
      pool = session.pool;
    } catch (err) {
      return reply.code(409).send(errorToWire(err));
    }
    const client = await pool.acquire();
    let size: number | undefined;
    try {
      size = await client.size(path);
    } catch (err) {
      const wire = errorToWire(err);
      // 550 on SIZE means no such file (or a directory): answer before any byte is sent.
      if (wire.ftpCode === 550) {
        pool.release(client);
        return reply.code(404).send(wire);
      }
      size = undefined;
    }
    const start = parseRangeStart(req.headers.range);
    const offset = start !== null && size !== undefined && start < size ? start : 0;
    const name = path.split('/').filter(Boolean).pop() ?? 'download';
    reply.header('content-type', 'application/octet-stream');
    reply.header('content-disposition', contentDisposition(name));
    reply.header('accept-ranges', 'bytes');
    reply.header('cache-control', 'no-store');
    if (size !== undefined) {
      reply.header('content-length', String(size - offset));
      if (offset > 0) {
        reply.code(206);
        reply.header('content-range', `bytes ${offset}-${size - 1}/${size}`);
      }
    }
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    const abort = new AbortController();
    // The browser went away: abort the FTP transfer instead of draining it.
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    session.touch();
    client.download(path, body, { offset, signal: abort.signal }).then(
      () => pool.release(client),
      (err: unknown) => {
        body.destroy(err instanceof Error ? err : new Error(String(err)));
        pool.release(client, true);
      },
    );
    return reply.send(body);
  });
}
