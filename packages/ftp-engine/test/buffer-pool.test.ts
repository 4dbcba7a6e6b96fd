/**
 * Transfer buffers come page-aligned from memory of their own (see
 * bufferPool.ts for why alignment matters), and a process where that
 * memory cannot be had still gets buffers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alignedBuffer, takeTransferBuffer, TRANSFER_BUFFER_BYTES } from '../src/data/bufferPool.ts';

/** Node's WebAssembly global (TypeScript declares it only in its DOM library). */
const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (desc: { initial: number; maximum: number }) => object } }).WebAssembly;

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
    const made = vi.spyOn(wasm, 'Memory');
    const buf = alignedBuffer(2 * 64 * 1024);
    expect(made).toHaveBeenCalledWith({ initial: 2, maximum: 2 });
    expect(buf.length).toBe(128 * 1024);
  });

  it('fall back to a plain buffer when the memory is refused (a tight ulimit -v)', () => {
    vi.spyOn(wasm, 'Memory').mockImplementation(function refuse(): never {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    const buf = alignedBuffer(TRANSFER_BUFFER_BYTES);
    expect(buf.length).toBe(TRANSFER_BUFFER_BYTES);
    expect(buf.byteOffset).toBe(0);
    expect(buf.buffer.byteLength).toBe(TRANSFER_BUFFER_BYTES);
  });

  it('are plain buffers for sizes a memory cannot have', () => {
    const made = vi.spyOn(wasm, 'Memory');
    expect(alignedBuffer(4096).length).toBe(4096);
    expect(made).not.toHaveBeenCalled();
  });
});
