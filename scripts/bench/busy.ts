// `--busy <n>`: the benchmark on a busy machine, the same way every time. n CPU-bound processes
// run beside it, each in a session of its own. Linux shares the CPU between sessions (autogroups,
// sched_autogroup_enabled) before it looks at processes: n busy loops started from one shell take
// one share however large n is (and `nice` does not lower them against another session), while n
// sessions take n shares, as n other applications would. The browser under test has its own.
import { spawn } from 'node:child_process';

/** how often a busy process looks whether the benchmark is still there */
const WATCH_MS = 500;

export interface BusyLoad {
  processes: number;
  pids: number[];
  stop(): void;
}

/**
 * The busy process's program: a loop that never sleeps and ends once `parent` is gone, so a
 * benchmark killed outright (no exit handler runs) leaves nothing spinning. Its own session puts
 * it out of reach of the terminal's Ctrl-C, which is why it has to watch.
 */
export function busyProgram(parent: number): string {
  return `const p=${parent};let t=Date.now();for(;;){if(Date.now()-t>${WATCH_MS}){t=Date.now();try{process.kill(p,0)}catch{process.exit(0)}}}`;
}

export function startBusy(n: number): BusyLoad {
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ['-e', busyProgram(process.pid)], { detached: true, stdio: 'ignore' }),
  );
  for (const c of children) c.unref();
  const stop = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.once('exit', stop);
  return { processes: n, pids: children.map((c) => c.pid ?? -1), stop };
}
