import { describe, expect, it } from 'vitest';
import { drawSoon } from '../src/ui/draw-queue';

const tasks = (n: number) => new Promise((r) => setTimeout(r, n));

describe('drawSoon', () => {
  it('draws one chart per task, in order, each with its newest value', async () => {
    const log: string[] = [];
    const a = {};
    const b = {};
    const c = {};
    drawSoon(a, () => log.push('a1'));
    drawSoon(b, () => log.push('b1'));
    drawSoon(a, () => log.push('a2')); // keeps a's place, replaces its draw
    drawSoon(c, () => log.push('c1'));
    // a microtask checkpoint is not a task boundary: nothing drawn yet
    await Promise.resolve();
    expect(log).toEqual([]);
    const seen: string[][] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 0));
      seen.push([...log]);
    }
    expect(log).toEqual(['a2', 'b1', 'c1']);
    // at most one more chart per task
    seen.forEach((s, i) => expect(s.length).toBeLessThanOrEqual(i + 1));
    await tasks(5);
    drawSoon(a, () => log.push('a3'));
    await tasks(5);
    expect(log.at(-1)).toBe('a3');
  });
});
