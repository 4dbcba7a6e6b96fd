/**
 * A browser session as a Node `ws` client: hello, requests by id, and the
 * windowed upload exactly as the web app does it (256 KiB frames, never more
 * than `window` bytes beyond the last upload-ack).
 */
import type { Readable } from 'node:stream';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, encodeUploadFrame, type RequestType, type ResultMap, type ServerMessage } from '@ftpdeck/protocol';

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

  /** Uploads `size` bytes from `source` with the credit window; resolves with transfer-done. */
  async upload(path: string, size: number, source: Readable): Promise<Done> {
    const { transferId, window } = await this.request('upload-start', { path, size, mode: 'overwrite' });
    const done = new Promise<Done>((resolve) => this.#dones.set(transferId, resolve));
    let sent = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; ) {
        while (sent - (this.#acks.get(transferId) ?? 0) >= window) {
          await new Promise<void>((r) => this.#ackWaiters.set(transferId, r));
        }
        const piece = chunk.subarray(at, at + 256 * 1024);
        this.socket.send(encodeUploadFrame(transferId, piece));
        sent += piece.length;
        at += piece.length;
      }
    }
    return done;
  }

  close(): void {
    this.socket.close();
  }
}
