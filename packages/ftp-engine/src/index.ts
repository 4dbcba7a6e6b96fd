/**
 * @packageDocumentation
 * FTP Deck's FTP/FTPS client engine. Node built-ins (plus iconv-lite for
 * charsets) only: no HTTP, WebSocket or JSON concerns live here.
 */
export * from './types.ts';
export * from './errors.ts';
export { FtpClient } from './client/FtpClient.ts';
export { maskCommand } from './control/transcript.ts';
export { parseReplies, newFramerState } from './control/replies.ts';
export type { RawReply, FramerItem, FramerLimits, FramerState } from './control/replies.ts';
export { parsePasvReply, parseEpsvReply } from './data/passive.ts';
export type { PasvTarget } from './data/passive.ts';
export { parseListing, parseListingInSlices, parseNameList, parseMlsdLine, parseUnixLine, parseDosLine, parseEplfLine, parseOs400Line, parseVmsLine, parseNetwareLine, parseOs2Line, parseMvsLine } from './listing/index.ts';
export type { ListingOptions } from './listing/index.ts';
export { createNameCodec, guessCharset, decodeListing } from './encoding/index.ts';
export type { NameCodec, CharsetGuess } from './encoding/index.ts';
