/**
 * At most `n` of the jobs given to the returned function run at once, the rest in the order they
 * came, or the newest first (`newestFirst`). The file-facts worker reads and hashes each file whole:
 * a restored 10,000-photo project asked for every file at once, and every buffer was in memory
 * together; in turns oldest first, a drop made just after waited behind that whole backlog.
 */
export function turns(n: number, { newestFirst = false } = {}): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await job();
    } finally {
      running--;
      (newestFirst ? waiting.pop() : waiting.shift())?.();
    }
  };
}
