// Server processes: spawned in their own process group under a tiny shell
// supervisor, stopped by killing that group, and killed on process exit.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { ServerStartError } from './types.ts';

// Why a supervisor: forking servers (vsftpd, ProFTPD, Pure-FTPd) leave one
// process per session, and a test runner may SIGKILL its worker, which runs
// no 'exit' hook. The shell keeps our stdin pipe open; when it reaches EOF
// (we closed it, or we died) it removes the paths in $FTPDECK_CLEANUP (one
// per line) and kills its whole process group, sessions included.
// "$@" is the server command line. Background jobs of a non-interactive sh
// get /dev/null as stdin, so the pipe is kept on fd 3 for the watcher.
const SUPERVISOR = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'srv=$!',
  '(',
  '  cat <&3 >/dev/null',
  '  kill -KILL "$srv" 2>/dev/null',
  '  printf "%s\\n" "$FTPDECK_CLEANUP" | while IFS= read -r p; do [ -n "$p" ] && rm -rf "$p"; done',
  '  kill -KILL 0',
  ') &',
  'wait "$srv"',
  'status=$?',
  'kill -KILL 0',
  'exit "$status"',
].join('\n');

/** How to start one server. */
export interface SpawnSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run the server (not its supervisor) as this user, via setpriv; needs root. */
  uid?: number;
  gid?: number;
}

/** A started server process group. */
export interface ServerProcess {
  /** PID of the supervisor, which is also the process group id. */
  readonly pid: number;
  /** Last ~8 KiB of stdout+stderr, for error messages. */
  output(): string;
  /** Resolves once the group leader has exited. */
  readonly exited: Promise<number | null>;
  /** True once the group leader has exited. */
  hasExited(): boolean;
  /** Kills the whole group (SIGTERM, then SIGKILL after 2 s) and waits. */
  kill(): Promise<void>;
}

interface Tracked {
  pgid: number;
  cleanupPaths: string[];
}
const live = new Set<Tracked>();
let exitHookInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const t of live) {
      killGroup(t.pgid, 'SIGKILL');
      for (const p of t.cleanupPaths) rmSync(p, { recursive: true, force: true });
    }
    live.clear();
  });
}

/**
 * Spawns `spec` under the supervisor. `cleanupPaths` are removed by the exit
 * hook if the test never calls stop() (stop removes them itself otherwise).
 */
export function spawnServer(spec: SpawnSpec, cleanupPaths: string[]): ServerProcess {
  installExitHook();
  // Only the server drops privileges: the supervisor stays ours, so on a hard
  // kill it can still remove root-owned temp files and port locks.
  const command =
    spec.uid === undefined
      ? [spec.command, ...spec.args]
      : ['/usr/bin/setpriv', `--reuid=${spec.uid}`, `--regid=${spec.gid ?? spec.uid}`, '--clear-groups', '--', spec.command, ...spec.args];
  const child: ChildProcess = spawn('/bin/sh', ['-c', SUPERVISOR, 'ftpdeck-supervisor', ...command], {
    cwd: spec.cwd,
    env: { ...(spec.env ?? process.env), FTPDECK_CLEANUP: cleanupPaths.join('\n') },
    detached: true, // own process group, so one kill reaches every session process
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new ServerStartError(`could not spawn ${spec.command}`);
  const pid = child.pid;
  const tracked: Tracked = { pgid: pid, cleanupPaths };
  live.add(tracked);

  let buffer = '';
  const keep = (chunk: Buffer): void => {
    buffer = (buffer + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      done = true;
      resolve(code);
    });
  });
  // A forgotten server must not keep the test process alive: the exit hook
  // (or the supervisor, on a hard kill) cleans up.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) {
    (s as unknown as { unref?: () => void } | null)?.unref?.();
  }

  return {
    pid,
    output: () => buffer,
    exited,
    hasExited: () => done,
    async kill() {
      if (!done) {
        killGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
      // Session processes may outlive the leader by a moment; nothing of ours survives this.
      killGroup(pid, 'SIGKILL');
      for (let i = 0; i < 200 && liveGroupMembers(pid).length > 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      child.stdin?.destroy();
      live.delete(tracked);
    },
  };
}

/**
 * PIDs in process group `pgid` that are still running (Linux /proc).
 * Zombies are left out: in a container whose PID 1 does not reap, killed
 * session processes stay zombies, which kill(-pgid, 0) would still count.
 */
export function liveGroupMembers(pgid: number): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids; // no /proc: nothing to wait for
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the ")" that closes the command name: state, ppid, pgrp, …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') pids.push(Number(entry));
  }
  return pids;
}

/**
 * Processes (zombies included) whose parent is in process group `pgid` but
 * which left that group (vsftpd's sessions call setsid()). A session process
 * its server has not reaped yet still holds its place in the server's
 * per-address connection count.
 */
export function sessionChildren(pgid: number): number[] {
  const stats: Array<{ pid: number; ppid: number; pgrp: number }> = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // no /proc: nothing to wait for
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.push({ pid: Number(entry), ppid: Number(ppid), pgrp: Number(pgrp) });
    } catch {
      // exited meanwhile
    }
  }
  const members = new Set(stats.filter((p) => p.pgrp === pgid).map((p) => p.pid));
  return stats.filter((p) => members.has(p.ppid) && p.pgrp !== pgid).map((p) => p.pid);
}
