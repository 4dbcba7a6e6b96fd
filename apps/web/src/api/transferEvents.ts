/**
 * Routes per-transfer server events (`upload-ack`, `transfer-progress`,
 * `transfer-done`) to whoever runs that transfer. Events for a transfer
 * nobody listens to yet are held briefly: a zero-byte upload can be done
 * before the uploader has subscribed.
 */
import type { ServerMessage } from '@ftpdeck/protocol';

/** The server events that belong to one transfer. */
export type TransferEvent = Extract<ServerMessage, { type: 'upload-ack' | 'transfer-progress' | 'transfer-done' }>;

/** Receives the events of one transfer. */
export type TransferListener = (event: TransferEvent) => void;

/** Most early events held across all unknown transfers. */
const EARLY_LIMIT = 256;

/** True for the three per-transfer message types. */
export function isTransferEvent(msg: ServerMessage): msg is TransferEvent {
  return msg.type === 'upload-ack' || msg.type === 'transfer-progress' || msg.type === 'transfer-done';
}

/** transferId → listener, plus a small holding pen for early events. */
export class TransferEvents {
  readonly #listeners = new Map<number, TransferListener>();
  #early: TransferEvent[] = [];

  /** Delivers an event to its transfer's listener, or holds it. */
  dispatch(event: TransferEvent): void {
    const listener = this.#listeners.get(event.transferId);
    if (listener) {
      listener(event);
      return;
    }
    this.#early.push(event);
    if (this.#early.length > EARLY_LIMIT) this.#early.shift();
  }

  /** Listens to one transfer; replays held events first. Returns the unsubscribe function. */
  subscribe(transferId: number, listener: TransferListener): () => void {
    this.#listeners.set(transferId, listener);
    const held = this.#early.filter((e) => e.transferId === transferId);
    if (held.length > 0) {
      this.#early = this.#early.filter((e) => e.transferId !== transferId);
      for (const e of held) listener(e);
    }
    return () => {
      if (this.#listeners.get(transferId) === listener) this.#listeners.delete(transferId);
    };
  }
}
