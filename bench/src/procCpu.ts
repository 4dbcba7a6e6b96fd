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
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
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
 * CPU time of `rootPid` and every process below it, including children
 * that have exited and been reaped (their time moves into the parent's
 * cutime/cstime), ms. vsftpd forks a process per session and another per
 * login, so this is how much the FTP server spent, whichever process did it.
 * A child that has exited but is not reaped yet is still counted as itself.
 */
export function treeCpuMs(rootPid: number): number {
  const parent = new Map<number, number>();
  const own = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const f = statFields(pid);
    if (!f) continue;
    // After "pid (comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
    parent.set(pid, Number(f[1]));
    own.set(pid, (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS);
  }
  let total = 0;
  for (const [pid, ms] of own) {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) {
      if (p === rootPid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

/**
 * Busy CPU time of the whole machine so far, ms (all cores; /proc/stat):
 * every process and the kernel's network work, which on loopback is most
 * of a transfer. Steal time counts as busy: it is CPU the VM wanted.
 */
export function machineBusyMs(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

/** Steal time of the whole machine so far, ms: CPU the hypervisor gave to someone else. */
export function machineStealMs(): number {
  const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  return (ticks[8] ?? 0) * TICK_MS;
}
