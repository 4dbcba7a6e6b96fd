#!/usr/bin/env node
// Compiles the server to one ES module, dist/main.mjs, which `npm start`,
// the Docker image, the e2e suite and the web bench run with plain node.
//
// Why not run src/main.ts under tsx, as we used to: with tsx's loader in the
// process, uploads over WebSocket triggered a full (mark-compact) collection
// every ~40 MiB, and the server spent about 2.2 s of CPU per GiB uploaded;
// the same code compiled ran about one full collection per run and about
// 0.9 s per GiB (bench/src/web, 512 MiB x 2 with 1 MiB frames).
//
// Our own workspace packages (TypeScript sources) and their small pure-JS
// dependencies (zod, iconv-lite) are bundled in, because pnpm only links a
// package's own dependencies into its node_modules; the server's direct
// npm dependencies stay external and load from apps/server/node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter((name) => !name.startsWith('@ftpdeck/'));

await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/main.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: 'linked',
  // Bundled CommonJS (iconv-lite) calls require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __ftpdeckRequire } from 'node:module'; const require = __ftpdeckRequire(import.meta.url);" },
  logLevel: 'warning',
});
