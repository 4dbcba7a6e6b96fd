/**
 * A browser session as a Node `ws` client: hello, requests by id, and the
 * windowed upload as the web app does it (256 KiB frames by default, never
 * more than `window` bytes beyond the last upload-ack).
 */
import { open } from 'node:fs/promises';
import WebSocket from 'ws';
import { BINARY_HEADER_BYTES, PROTOCOL_VERSION, type RequestType, type ResultMap, type ServerMessage } from '@ftpdeck/protocol';

type Ack = Extract<ServerMessage, { type: 'upload-ack' }>;
type Done = Extract<ServerMessage, { type: 'transfer-done' }>;

export class WsSession {
  #id = 1;
  readonly #replies = new Map<number, (m: ServerMessage) => void>();
  readonly #acks = new Map<number, number>();
  readonly #ackWaiters = new Map<number, () => void>();
  readonly #dones = new Map<number, (d: Done) => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, binary) => {
      if (binary) return;
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if (msg.type === 'reply') {
        this.#replies.get(msg.id)?.(msg);
        this.#replies.delete(msg.id);
      } else if (msg.type === 'upload-ack') {
        this.#onAck(msg);
      } else if (msg.type === 'transfer-done') {
        this.#dones.get(msg.transferId)?.(msg);
      }
    });
  }

  static async open(base: string): Promise<WsSession> {
    const socket = new WebSocket(`ws://${base}/ws`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const session = new WsSession(socket);
    const welcome = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    await welcome;
    return session;
  }

  #onAck(msg: Ack): void {
    this.#acks.set(msg.transferId, msg.accepted);
    this.#ackWaiters.get(msg.transferId)?.();
  }

  async request<T extends RequestType>(type: T, fields: Record<string, unknown> = {}): Promise<ResultMap[T]> {
    const id = this.#id++;
    const reply = await new Promise<ServerMessage>((resolve) => {
      this.#replies.set(id, resolve);
      this.socket.send(JSON.stringify({ type, id, ...fields }));
    });
    if (reply.type !== 'reply') throw new Error('not a reply');
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result as ResultMap[T];
  }

  /** Waits until fewer than `window` bytes are unacknowledged. */
  async #credit(transferId: number, sent: number, window: number): Promise<void> {
    while (sent - (this.#acks.get(transferId) ?? 0) >= window) {
      await new Promise<void>((r) => this.#ackWaiters.set(transferId, r));
    }
  }

  /**
   * Uploads `size` bytes of `file` in frames of `frameBytes` with the credit
   * window; resolves with transfer-done. The client's own cost is kept low, so the bench
   * measures the server rather than the client: the file is read straight
   * into frame buffers behind the 4-byte header (no read allocations, no
   * framing copy), and each buffer is reused once ws has called back for
   * it. What remains is ws's masking (with bufferutil; ws masks into a new
   * buffer because it must not change the caller's bytes), as a browser
   * masks every frame too.
   */
  async uploadFile(path: string, size: number, file: string, frameBytes = 256 * 1024): Promise<Done> {
    const { transferId, window } = await this.request('upload-start', { path, size, mode: 'overwrite' });
    const done = new Promise<Done>((resolve) => this.#dones.set(transferId, resolve));
    const fh = await open(file, 'r');
    const free: Buffer[] = [];
    try {
      for (let sent = 0; sent < size; ) {
        await this.#credit(transferId, sent, window);
        const buf = free.pop() ?? Buffer.allocUnsafeSlow(BINARY_HEADER_BYTES + frameBytes);
        // The header encodeUploadFrame writes: the transfer id, u32 big-endian.
        buf.writeUInt32BE(transferId, 0);
        const { bytesRead } = await fh.read(buf, BINARY_HEADER_BYTES, Math.min(frameBytes, size - sent), sent);
        if (bytesRead === 0) throw new Error(`${file} ended at ${sent} of ${size} bytes`);
        this.socket.send(buf.subarray(0, BINARY_HEADER_BYTES + bytesRead), { binary: true }, () => free.push(buf));
        sent += bytesRead;
      }
    } finally {
      await fh.close();
    }
    return done;
  }

  close(): void {
    this.socket.close();
  }
}
