import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { busyProgram, startBusy, type BusyLoad } from '../scripts/bench/busy';
import { parseOptions } from '../scripts/bench/options';
import { REPO_ROOT } from './helpers';

/** the fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, session… */
function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
const alive = (pid: number) => {
  const s = stat(pid);
  return s !== null && s[0] !== 'Z' && s[0] !== 'X';
};
const session = (pid: number) => Number(stat(pid)![3]);

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

describe.skipIf(!existsSync('/proc/self/stat'))('bench --busy', () => {
  let load: BusyLoad | null = null;
  afterEach(() => load?.stop());

  it('runs each busy process in a session of its own and stops them all', async () => {
    load = startBusy(2);
    expect(load.pids).toHaveLength(2);
    for (const pid of load.pids) {
      expect(alive(pid)).toBe(true);
      // a session leader: its own session, so its own autogroup, as another application's
      expect(session(pid)).toBe(pid);
      expect(session(pid)).not.toBe(session(process.pid));
    }
    if (existsSync('/proc/self/autogroup')) {
      const groups = load.pids.map((pid) => readFileSync(`/proc/${pid}/autogroup`, 'utf8').split(' ')[0]);
      expect(new Set([...groups, readFileSync('/proc/self/autogroup', 'utf8').split(' ')[0]]).size).toBe(3);
    }
    load.stop();
    for (const pid of load.pids) expect(await gone(pid, 5000)).toBe(true);
  });

  it('ends a busy process once the benchmark that started it is gone', async () => {
    const parent = spawn('sleep', ['60']);
    const busy = spawn(process.execPath, ['-e', busyProgram(parent.pid!)], { stdio: 'ignore' });
    try {
      expect(await gone(busy.pid!, 300)).toBe(false);
      parent.kill('SIGKILL');
      const [code] = await once(busy, 'exit');
      expect(code).toBe(0);
    } finally {
      parent.kill('SIGKILL');
      busy.kill('SIGKILL');
    }
  });

  it('reads --busy from the command line (none unless asked)', () => {
    expect(parseOptions(['--busy', '3'], REPO_ROOT).busy).toBe(3);
    expect(parseOptions([], REPO_ROOT).busy).toBe(0);
  });
});
