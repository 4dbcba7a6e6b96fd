/**
 * Which files a browser tab can show in place of a download ("View"), and
 * as what. Both sides read this one table: the page to offer View, the
 * server to choose the Content-Type it serves. Only types that run no
 * code are here: text (HTML, SVG and scripts too, shown as their source),
 * raster images, audio and video. The server adds a sandboxing CSP on top
 * (apps/server/src/routes/download.ts) to text and images, so even a wrong
 * guess runs nothing; audio and video play in the browser's own player.
 */

/** How the browser will show a viewable file. */
export type ViewKind = 'text' | 'image' | 'audio' | 'video';

/** A viewable file's kind and the Content-Type it is served with. */
export interface Viewable {
  kind: ViewKind;
  contentType: string;
}

/**
 * Text larger than this is offered as a download only: a browser tab
 * showing hundreds of megabytes of text stalls, and nobody reads it there.
 */
export const MAX_TEXT_VIEW_BYTES = 16 * 1024 * 1024;

const TEXT_EXTENSIONS = [
  'txt', 'text', 'log', 'md', 'markdown', 'rst', 'csv', 'tsv', 'json', 'jsonl', 'ndjson', 'xml', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'config',
  'properties', 'env', 'sql', 'html', 'htm', 'xhtml', 'css', 'scss', 'less', 'svg', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'py', 'rb', 'pl', 'php',
  'java', 'kt', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'go', 'rs', 'swift', 'sh', 'bash', 'zsh', 'bat', 'cmd', 'ps1', 'lua', 'r', 'diff', 'patch', 'srt',
  'vtt', 'nfo', 'htaccess', 'gitignore', 'dockerfile', 'makefile',
] as const;

const MEDIA: Readonly<Record<string, Viewable>> = {
  png: { kind: 'image', contentType: 'image/png' },
  jpg: { kind: 'image', contentType: 'image/jpeg' },
  jpeg: { kind: 'image', contentType: 'image/jpeg' },
  gif: { kind: 'image', contentType: 'image/gif' },
  webp: { kind: 'image', contentType: 'image/webp' },
  avif: { kind: 'image', contentType: 'image/avif' },
  bmp: { kind: 'image', contentType: 'image/bmp' },
  ico: { kind: 'image', contentType: 'image/x-icon' },
  mp3: { kind: 'audio', contentType: 'audio/mpeg' },
  m4a: { kind: 'audio', contentType: 'audio/mp4' },
  ogg: { kind: 'audio', contentType: 'audio/ogg' },
  oga: { kind: 'audio', contentType: 'audio/ogg' },
  opus: { kind: 'audio', contentType: 'audio/ogg' },
  wav: { kind: 'audio', contentType: 'audio/wav' },
  flac: { kind: 'audio', contentType: 'audio/flac' },
  mp4: { kind: 'video', contentType: 'video/mp4' },
  m4v: { kind: 'video', contentType: 'video/mp4' },
  webm: { kind: 'video', contentType: 'video/webm' },
  ogv: { kind: 'video', contentType: 'video/ogg' },
};

// The server adds `charset=utf-8` when the file's first 64 KiB are UTF-8
// (Chromium never guesses UTF-8 itself), and otherwise leaves the browser's detection
// to read GBK, Shift_JIS or Windows-1252, which it does well.
const TEXT: Viewable = { kind: 'text', contentType: 'text/plain' };
const TEXT_SET = new Set<string>(TEXT_EXTENSIONS);

/**
 * How a file named `name` can be viewed in a browser tab, by its
 * extension (or its whole name, for `Makefile`, `.htaccess` and the
 * like); undefined when it can only be downloaded.
 */
export function viewableType(name: string): Viewable | undefined {
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const ext = dot >= 0 ? lower.slice(dot + 1) : lower;
  return MEDIA[ext] ?? (TEXT_SET.has(ext) ? TEXT : undefined);
}

/** Whether a file of this name and size can be viewed (text only up to {@link MAX_TEXT_VIEW_BYTES}). */
export function canView(name: string, size: number | undefined): boolean {
  const type = viewableType(name);
  if (!type) return false;
  return type.kind !== 'text' || size === undefined || size <= MAX_TEXT_VIEW_BYTES;
}
