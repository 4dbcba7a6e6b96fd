/**
 * TYPE A line-ending conversion. The wire uses CRLF (RFC 959 §3.1.1.1);
 * local text uses LF. Both transforms carry one byte across chunk borders so
 * a CRLF split between two chunks is still recognised.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Wire → local: CRLF becomes LF; a lone CR stays. */
export function crlfToLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const out: number[] = [];
      let i = 0;
      if (pendingCr) {
        pendingCr = false;
        if (chunk[0] !== 0x0a) out.push(0x0d);
      }
      for (; i < chunk.length; i += 1) {
        const b = chunk[i] as number;
        if (b === 0x0d) {
          if (i === chunk.length - 1) pendingCr = true;
          else if (chunk[i + 1] !== 0x0a) out.push(b);
          continue;
        }
        out.push(b);
      }
      done(null, Buffer.from(out));
    },
    flush(done: TransformCallback) {
      done(null, pendingCr ? Buffer.from([0x0d]) : undefined);
    },
  });
}

/** Local → wire: a bare LF becomes CRLF; existing CRLF is left alone. */
export function lfToCrlf(): Transform {
  let lastWasCr = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const out: number[] = [];
      for (const b of chunk) {
        if (b === 0x0a && !lastWasCr) out.push(0x0d);
        out.push(b);
        lastWasCr = b === 0x0d;
      }
      done(null, Buffer.from(out));
    },
  });
}
