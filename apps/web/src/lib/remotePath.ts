/**
 * Pure helpers for POSIX-style remote paths as FTP servers report them.
 * Paths are strings the server gave us; we never touch the local disk.
 */

/** One breadcrumb: the label shown and the absolute path it opens. */
export interface PathCrumb {
  /** Segment name, or `/` for the root. */
  name: string;
  /** Absolute path up to and including this segment. */
  path: string;
}

/** Joins a directory and a child name without doubling the slash. */
export function joinPath(dir: string, name: string): string {
  if (dir === '' || dir === '/') return `/${name}`;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * Resolves `input` against `cwd`: handles relative paths, `.`, `..` and
 * repeated slashes. `..` above the root stays at the root, as FTP servers do.
 */
export function normalizePath(input: string, cwd = '/'): string {
  const raw = input.startsWith('/') ? input : `${cwd}/${input}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** The parent of an absolute path; the root is its own parent. */
export function parentPath(path: string): string {
  const norm = normalizePath(path);
  const cut = norm.lastIndexOf('/');
  return cut <= 0 ? '/' : norm.slice(0, cut);
}

/** The last segment of a path (`''` for the root). */
export function baseName(path: string): string {
  const norm = normalizePath(path);
  return norm.slice(norm.lastIndexOf('/') + 1);
}

/** Breadcrumbs for a path, root first. */
export function pathCrumbs(path: string): PathCrumb[] {
  const crumbs: PathCrumb[] = [{ name: '/', path: '/' }];
  let acc = '';
  for (const seg of normalizePath(path).split('/')) {
    if (seg === '') continue;
    acc = `${acc}/${seg}`;
    crumbs.push({ name: seg, path: acc });
  }
  return crumbs;
}

/**
 * True when the name is safe as one path segment: not empty, `.` or `..`,
 * and without a slash or a control character (C0, DEL, C1). CR, LF and NUL
 * could never reach the server; a TAB or an ESC would, and would make a
 * name nobody can tell apart or type again. Lone surrogates stay allowed:
 * they stand for a listed name's undecodable bytes, which a rename keeps.
 */
export function isValidName(name: string): boolean {
  return name.length > 0 && name !== '.' && name !== '..' && !/[/\u0000-\u001f\u007f-\u009f]/.test(name);
}
