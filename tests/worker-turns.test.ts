import { describe, expect, it } from 'vitest';
import { turns } from '../src/worker/turns';

describe('jobs taken in turns', () => {
  it('runs at most n at once, every job to its end, in the order they came', async () => {
    const inTurn = turns(4);
    let now = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTurn(async () => {
          started.push(i);
          most = Math.max(most, ++now);
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          now--;
          return i * 2;
        }),
      ),
    );
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a job that fails frees its turn', async () => {
    const inTurn = turns(1);
    await expect(inTurn(() => Promise.reject(new Error('unreadable')))).rejects.toThrow('unreadable');
    expect(await inTurn(async () => 'next')).toBe('next');
  });

  it('newest first: a job asked after a backlog runs among the first, not after it', async () => {
    const inTurn = turns(4, { newestFirst: true });
    const order: string[] = [];
    // the first four hold their turns until the new job has been asked: no timer decides the order
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const job = (name: string) =>
      inTurn(async () => {
        order.push(name);
        await held;
      });
    const backlog = Array.from({ length: 40 }, (_, i) => job(`old${i}`));
    await Promise.resolve();
    expect(order).toEqual(['old0', 'old1', 'old2', 'old3']);
    const urgent = job('new');
    release();
    await Promise.all([...backlog, urgent]);
    // the first turn freed goes to it, not to the 36 jobs that waited longer
    expect(order[4]).toBe('new');
    expect(order).toHaveLength(41);
  });
});
