/**
 * A scriptable stand-in for the browser WebSocket, for unit tests only
 * (never imported by shipped code). It records what the client sends and
 * lets the test play the server's part.
 */
import type { ServerMessage } from '@ftpdeck/protocol';
import type { WebSocketLike } from '../socket.ts';

/** Fake socket: call `serverOpen()`, then `serverSend()` messages. */
export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  bufferedAmount = 0;
  binaryType: BinaryType = 'blob';
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  /** Text frames the client sent, parsed. */
  readonly sentJson: Array<Record<string, unknown>> = [];
  /** Binary frames the client sent. */
  readonly sentBinary: Uint8Array[] = [];
  closedByClient = false;

  constructor(readonly url: string) {}

  send(data: string | ArrayBufferView | ArrayBufferLike | Blob): void {
    if (typeof data === 'string') this.sentJson.push(JSON.parse(data) as Record<string, unknown>);
    else if (ArrayBuffer.isView(data)) this.sentBinary.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** Server accepts the connection. */
  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** Server sends one message. */
  serverSend(msg: ServerMessage): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(msg) }));
  }

  /** Connection drops. */
  serverClose(): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }

  /** The last request of a type the client sent. */
  lastRequest(type: string): Record<string, unknown> | undefined {
    return [...this.sentJson].reverse().find((m) => m.type === type);
  }
}
