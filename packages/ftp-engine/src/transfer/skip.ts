/**
 * Resume support for uploads: the server already has the first bytes.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Drops the first `n` bytes of a stream (resume skips what the server has). */
export function skipBytes(n: number): Transform {
  let left = n;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (left === 0) return done(null, chunk);
      if (chunk.length <= left) {
        left -= chunk.length;
        return done();
      }
      const rest = chunk.subarray(left);
      left = 0;
      done(null, rest);
    },
  });
}
