import { rmSync, writeFileSync } from 'node:fs';

/**
 * Runs `work` holding `lock` (a file made with O_EXCL: extractions side by side skip a dump another
 * one is writing); false, without running it, when another holds the lock. The lock goes whatever
 * `work` does: one left by a failed extraction made every later run skip that dataset silently.
 */
export async function withLock(lock: string, work: () => Promise<void>): Promise<boolean> {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    return false;
  }
  try {
    await work();
  } finally {
    rmSync(lock, { force: true });
  }
  return true;
}
