/**
 * Web bench: FTP Deck's HTTP download and WebSocket upload next to curl's
 * direct FTP transfers against the same vsftpd in one run, the server's RSS
 * growth while 8 sessions move 1 GiB each, and memory per idle session.
 *
 *   pnpm --filter @ftpdeck/bench exec tsx src/web/main.ts
 *
 * BENCH_MIB sets the file size (default 1024). Heavy: run by hand, never in tests.
 * Targets: download ≥ 0.8× curl, upload ≥ 0.6× curl, RSS growth < 100 MiB.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { once } from 'node:events';
import { get } from 'node:http';
import { Writable } from 'node:stream';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { startFtpServer } from '@ftpdeck/test-servers';
import { curlRate, type Login } from './curl.ts';
import { startServer, type ServerProcess } from './serverProcess.ts';
import { WsSession } from './wsSession.ts';

const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_MIB ?? 1024) * MiB;
const IDLE_SESSIONS = Number(process.env.BENCH_IDLE ?? 200);
/** Which parts to run: throughput, memory, idle (comma-separated; default all). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'throughput,memory,idle').split(','));
const fmt = (bps: number): string => `${(bps / MiB).toFixed(0)} MiB/s`;

async function writeFile(path: string, size: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = createWriteStream(path);
  for (let left = size; left > 0; left -= MiB) {
    if (!out.write(left >= MiB ? block : block.subarray(0, left))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function httpDownload(base: string, s: WsSession, path: string): Promise<number> {
  const { url } = await s.request('download-link', { paths: [path] });
  const t0 = performance.now();
  // node:http rather than fetch: a browser's download path is native code, and
  // undici's web streams would make the client, not the relay, the bottleneck.
  const bytes = await new Promise<number>((resolve, reject) => {
    get(`http://${base}${url}`, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    }).on('error', reject);
  });
  if (bytes !== SIZE) throw new Error(`downloaded ${bytes} of ${SIZE}`);
  return bytes / ((performance.now() - t0) / 1000);
}

async function wsUpload(s: WsSession, local: string, remote: string): Promise<number> {
  const t0 = performance.now();
  const done = await s.upload(remote, SIZE, createReadStream(local, { highWaterMark: 256 * 1024 }));
  if (!done.ok || done.verified !== true) throw new Error(`upload failed: ${JSON.stringify(done)}`);
  return SIZE / ((performance.now() - t0) / 1000);
}

/** User + system CPU time of a process so far, ms (Linux /proc; clock ticks are 10 ms). */
function serverCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The engine alone (no relay): the ceiling a Node relay can reach on this machine. */
async function engineRate(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return SIZE / ((performance.now() - t0) / 1000);
}

async function connected(server: ServerProcess, login: Login): Promise<WsSession> {
  const s = await WsSession.open(server.base);
  await s.request('connect', { params: login });
  return s;
}

/** Best of 3 for each contender, alternating, so all see the same warm page cache. */
async function throughput(server: ServerProcess, login: Login, s: WsSession, src: string): Promise<void> {
  const best = { curlDown: 0, httpDown: 0, curlUp: 0, wsUp: 0, engineDown: 0, engineUp: 0 };
  // The server's own CPU per GiB: on a small box the Node bench client competes for the same
  // cores, so wall-clock rates understate what the server can do; CPU time does not.
  const cpu = { down: Infinity, up: Infinity };
  const measured = async (which: 'down' | 'up', run: () => Promise<number>): Promise<number> => {
    const before = serverCpuMs(server.pid);
    const rate = await run();
    cpu[which] = Math.min(cpu[which], ((serverCpuMs(server.pid) - before) * MiB * 1024) / SIZE);
    return rate;
  };
  const engine = new FtpClient(login);
  await engine.connect();
  for (let round = 0; round < 3; round++) {
    best.curlDown = Math.max(best.curlDown, await curlRate(login, 'download', '/src.bin'));
    best.engineDown = Math.max(best.engineDown, await engineRate(() => engine.download('/src.bin', new Writable({ write: (_c, _e, cb) => cb() }))));
    best.httpDown = Math.max(best.httpDown, await measured('down', () => httpDownload(server.base, s, '/src.bin')));
    best.curlUp = Math.max(best.curlUp, await curlRate(login, 'upload', '/up-curl.bin', src));
    best.engineUp = Math.max(best.engineUp, await engineRate(() => engine.upload(createReadStream(src, { highWaterMark: 256 * 1024 }), '/up-engine.bin')));
    best.wsUp = Math.max(best.wsUp, await measured('up', () => wsUpload(s, src, '/up-ws.bin')));
  }
  await engine.close();
  const ratio = (a: number, b: number): string => (a / b).toFixed(2);
  console.log(`file ${SIZE / MiB} MiB, vsftpd on 127.0.0.1, best of 3`);
  console.log(`download  curl ${fmt(best.curlDown)}  engine in-process ${fmt(best.engineDown)}  FTP Deck HTTP ${fmt(best.httpDown)}  ratio to curl ${ratio(best.httpDown, best.curlDown)} (target ≥ 0.8), to the engine ${ratio(best.httpDown, best.engineDown)}`);
  console.log(`server CPU per GiB: download ${cpu.down.toFixed(0)} ms (a ${fmt((1000 / cpu.down) * 1024 * MiB)} ceiling), upload ${cpu.up.toFixed(0)} ms (${fmt((1000 / cpu.up) * 1024 * MiB)})`);
  console.log(`upload    curl ${fmt(best.curlUp)}  engine in-process ${fmt(best.engineUp)}  FTP Deck WS   ${fmt(best.wsUp)}  ratio to curl ${ratio(best.wsUp, best.curlUp)} (target ≥ 0.6), to the engine ${ratio(best.wsUp, best.engineUp)}`);
}

/** RSS growth while 8 sessions (4 uploading, 4 downloading) each move SIZE at once. */
async function memory(server: ServerProcess, login: Login, src: string): Promise<void> {
  const base = await server.rss();
  let peak = base;
  const sampler = setInterval(() => {
    server.rss().then((r) => (peak = Math.max(peak, r)), () => undefined);
  }, 200);
  const t0 = performance.now();
  const sessions = await Promise.all(Array.from({ length: 8 }, () => connected(server, login)));
  await Promise.all(sessions.map((x, i) => (i % 2 === 0 ? wsUpload(x, src, `/par-${i}.bin`) : httpDownload(server.base, x, '/src.bin'))));
  clearInterval(sampler);
  peak = Math.max(peak, await server.rss());
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`8 sessions moving ${(8 * SIZE) / MiB} MiB in ${seconds} s: RSS ${(base / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB, growth ${((peak - base) / MiB).toFixed(1)} MiB (target < 100)`);
  for (const x of sessions) x.close();
}

/** Memory per idle session: each a WebSocket with a logged-in FTP browsing connection. */
async function idle(server: ServerProcess, login: Login): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000));
  const before = await server.rss();
  const sessions: WsSession[] = [];
  for (let i = 0; i < IDLE_SESSIONS; i++) sessions.push(await connected(server, login));
  await new Promise((r) => setTimeout(r, 2000));
  const after = await server.rss();
  const perSession = ((after - before) / IDLE_SESSIONS / 1024).toFixed(0);
  console.log(`${IDLE_SESSIONS} idle sessions (WebSocket + FTP login each): RSS ${(before / MiB).toFixed(0)} → ${(after / MiB).toFixed(0)} MiB, ${perSession} KiB per session`);
  for (const x of sessions) x.close();
}

const ftp = await startFtpServer('vsftpd');
const login: Login = { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password };
const server = await startServer();
try {
  const src = join(ftp.root, 'src.bin');
  await writeFile(src, SIZE);
  await chown(src, ftp.fsOwner.uid, ftp.fsOwner.gid);
  const s = await connected(server, login);
  if (PARTS.has('throughput')) await throughput(server, login, s, src);
  if (PARTS.has('memory')) await memory(server, login, src);
  if (PARTS.has('idle')) await idle(server, login);
  s.close();
} finally {
  await server.stop();
  await ftp.stop();
}
