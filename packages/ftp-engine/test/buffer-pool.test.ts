/**
 * Transfer buffers come page-aligned from memory of their own (see
 * bufferPool.ts for why alignment matters), and a process where that
 * memory cannot be had still gets buffers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alignedBuffer, takeTransferBuffer, TRANSFER_BUFFER_BYTES } from '../src/data/bufferPool.ts';

/** Node's WebAssembly global (TypeScript declares it only in its DOM library). */
const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (desc: { initial: number; maximum: number }) => object } }).WebAssembly;

/** Whether a byte stream can take over `buf`'s memory (detach it), as it can any ordinary ArrayBuffer's. */
function transferable(buf: Buffer): boolean {
  try {
    new ReadableStream({ type: 'bytes', start: (c) => c.enqueue(new Uint8Array(buf.buffer, 0, 4)) });
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('transfer buffers', () => {
  it('each own their whole ArrayBuffer, which the read ring keys chunks by', () => {
    const a = takeTransferBuffer();
    const b = takeTransferBuffer();
    for (const buf of [a, b]) {
      expect(buf.length).toBe(TRANSFER_BUFFER_BYTES);
      expect(buf.byteOffset).toBe(0);
      expect(buf.buffer.byteLength).toBe(TRANSFER_BUFFER_BYTES);
    }
    expect(a.buffer === b.buffer).toBe(false);
    // Writable and readable through the whole length, like any Buffer.
    a.fill(0xab);
    expect(a[TRANSFER_BUFFER_BYTES - 1]).toBe(0xab);
    expect(b.subarray(0, 4).equals(Buffer.alloc(4))).toBe(true);
  });

  it('come from a WebAssembly memory, the one allocation JavaScript gets page-aligned', () => {
    // No spy on the constructor here: a spied class hands back an object
    // without the real `buffer`. What tells such memory apart is that it
    // can never be detached, so a byte stream cannot take it over.
    expect(transferable(alignedBuffer(2 * 64 * 1024))).toBe(false);
    expect(transferable(takeTransferBuffer())).toBe(false);
    expect(transferable(Buffer.allocUnsafeSlow(128 * 1024))).toBe(true);
  });

  it('are plain buffers for sizes a memory cannot have', () => {
    const made = vi.spyOn(wasm, 'Memory');
    expect(alignedBuffer(4096).length).toBe(4096);
    expect(made).not.toHaveBeenCalled();
  });

  // Last: a refusal leaves plain buffers for a minute.
  it('fall back to a plain buffer when the memory is refused (a tight ulimit -v), and ask again only a minute later', () => {
    const made = vi.spyOn(wasm, 'Memory').mockImplementation(function refuse(): never {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    const buf = alignedBuffer(TRANSFER_BUFFER_BYTES);
    expect(buf.length).toBe(TRANSFER_BUFFER_BYTES);
    expect(buf.byteOffset).toBe(0);
    expect(buf.buffer.byteLength).toBe(TRANSFER_BUFFER_BYTES);
    // Each refusal costs V8's full garbage collections: not again for a while.
    expect(alignedBuffer(TRANSFER_BUFFER_BYTES).length).toBe(TRANSFER_BUFFER_BYTES);
    expect(made).toHaveBeenCalledTimes(1);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    alignedBuffer(TRANSFER_BUFFER_BYTES);
    expect(made).toHaveBeenCalledTimes(2);
  });
});
