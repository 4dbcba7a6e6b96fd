/**
 * CPU time from Linux /proc (clock ticks of 10 ms): one process, a process
 * tree, and the whole machine. The web bench splits a transfer's CPU among
 * the processes that share the two cores, to tell which one a slow run
 * spent its time in.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

/** The fields of /proc/PID/stat after the command name, or undefined if the process is gone. */
function statFields(pid: number): string[] | undefined {
  return readStat(pid)?.fields;
}

/** A process's command name and the /proc/PID/stat fields after it. */
function readStat(pid: number): { comm: string; fields: string[] } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(') ');
    return { comm: text.slice(open + 1, close), fields: text.slice(close + 2).split(' ') };
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process so far, ms. */
export function processCpuMs(pid: number): number {
  const f = statFields(pid) ?? [];
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/**
 * CPU time of the server `rootPid` and its processes so far, ms: every
 * process below it, children that exited and were reaped (their time moves
 * into the parent's cutime/cstime), and session processes that outlived
 * their parent. vsftpd forks a session process per connection and a user
 * process below it; when the session process exits first, the user process
 * (which did the transfer) is re-parented to init, still named like the
 * server, and its time ends up in init's cutime when it exits. So those
 * count too: live ones by name, finished ones through init's cutime, which
 * on a bench machine grows with nothing else.
 */
export function treeCpuMs(rootPid: number): number {
  const parent = new Map<number, number>();
  const own = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = readStat(pid);
    if (!st) continue;
    const f = st.fields;
    // After "pid (comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
    parent.set(pid, Number(f[1]));
    comm.set(pid, st.comm);
    own.set(pid, (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS);
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) {
      if (p === rootPid) return true;
    }
    return false;
  };
  // The names the server's processes go by (the root may be a launcher with another name).
  const names = new Set<string>();
  for (const pid of own.keys()) if (pid !== rootPid && inTree(pid)) names.add(comm.get(pid) ?? '');
  let total = 0;
  for (const [pid, ms] of own) {
    // In the tree, or an orphaned session process of the server (alive or a zombie).
    if (inTree(pid) || (parent.get(pid) === 1 && names.has(comm.get(pid) ?? ''))) total += ms;
  }
  // Orphans that have exited: init reaped them.
  const init = statFields(1);
  if (init) total += (Number(init[13]) + Number(init[14])) * TICK_MS;
  return total;
}

/**
 * CPU time of the whole machine so far, ms (all cores; /proc/stat): `busy`
 * is every process and the kernel's network work, which on loopback is most
 * of a transfer; steal counts as busy (it is CPU the VM wanted). `steal`
 * alone is what the hypervisor gave to someone else.
 */
export function machineCpuMs(): { busy: number; steal: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return { busy: (user + nice + system + irq + softirq + steal) * TICK_MS, steal: steal * TICK_MS };
}
