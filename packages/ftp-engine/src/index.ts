/**
 * @packageDocumentation
 * FTP Deck's FTP/FTPS client engine. Node built-ins (plus iconv-lite for
 * charsets) only: no HTTP, WebSocket or JSON concerns live here.
 */
export * from './types.ts';
export * from './errors.ts';
