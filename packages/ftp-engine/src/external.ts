/**
 * The one place the engine core imports the listing parser and the name
 * codec from (src/listing and src/encoding are their own modules).
 */
export { isTotalLine, parseListing, parseListingInSlices, parseMlsdLine, parseNameList } from './listing/index.ts';
export { createNameCodec, decodeListing as decodeListingText, guessCharset } from './encoding/index.ts';
export type { CharsetGuess, NameCodec } from './encoding/index.ts';
