import { describe, expect, it } from 'vitest';
import { gate, gated } from '../src/worker/gate';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('worker gate', () => {
  it('an exclusive job waits for shared ones in flight and holds new ones back', async () => {
    const g = gate();
    const log: string[] = [];
    const a = g.shared(async () => (log.push('a start'), await tick(), log.push('a end')));
    const x = g.exclusive(async () => (log.push('x start'), await tick(), log.push('x end')));
    const b = g.shared(async () => log.push('b'));
    await Promise.all([a, x, b]);
    expect(log).toEqual(['a start', 'a end', 'x start', 'x end', 'b']);
  });

  it('a failing job opens the gate again', async () => {
    const g = gate();
    await expect(g.exclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(g.shared(() => 1)).resolves.toBe(1);
    await expect(g.shared(() => Promise.reject(new Error('shared boom')))).rejects.toThrow('shared boom');
    await expect(g.exclusive(async () => 2)).resolves.toBe(2);
  });

  it('gated wraps every method but the free ones', async () => {
    const g = gate();
    let release!: () => void;
    const api = gated({ slow: () => 'slow', stop: () => 'stopped' }, g, ['stop']);
    const x = g.exclusive(() => new Promise<void>((r) => (release = r)));
    await tick();
    expect(api.stop()).toBe('stopped'); // answers at once, while the exclusive job runs
    let answered = false;
    const slow = Promise.resolve(api.slow()).then((v) => ((answered = true), v));
    await tick();
    expect(answered).toBe(false);
    release();
    await x;
    expect(await slow).toBe('slow');
  });
});
