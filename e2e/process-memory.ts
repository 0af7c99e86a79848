import { readFileSync, readdirSync } from 'node:fs';

/** Pids of every process below this one: the browser Playwright launched and its renderers. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found];
}

/**
 * Peak resident size (VmHWM, MB) of each of the browser's processes. Linux only: where /proc is
 * missing it is empty, so memory assertions pass vacuously rather than fail.
 */
export function peakMemoryMB(): Map<number, number> {
  const peaks = new Map<number, number>();
  try {
    for (const pid of descendants(process.pid)) {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
        peaks.set(pid, Math.round(kb / 1024));
      } catch {
        // gone
      }
    }
  } catch {
    // no /proc
  }
  return peaks;
}

/** The most any one browser process's peak grew since `before`. */
export function peakGrowthMB(before: Map<number, number>): number {
  let most = 0;
  for (const [pid, peak] of peakMemoryMB()) most = Math.max(most, peak - (before.get(pid) ?? 0));
  return most;
}
