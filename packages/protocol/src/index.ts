/**
 * @packageDocumentation
 * The browser ↔ server WebSocket contract of FTP Deck. Pure data and codecs:
 * no Node, no DOM. See docs/protocol.md.
 */
export * from './dto.ts';
export * from './messages.ts';
export * from './serverMessages.ts';
export * from './binary.ts';
export * from './errors.ts';
export * from './viewable.ts';
