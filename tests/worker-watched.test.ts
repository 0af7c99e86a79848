import { describe, expect, it } from 'vitest';
import { watchedRemote } from '../src/worker/watched';

/** A worker that never answers (its script did not load), as the page sees one. */
class SilentWorker extends EventTarget {
  sent = 0;
  postMessage() {
    this.sent++;
  }
  terminate() {}
}

interface Api {
  memory(): Promise<number>;
}

const settledWithin = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p.then(
      (v) => ({ value: v }),
      (err: Error) => ({ error: err.message }),
    ),
    new Promise((r) => setTimeout(() => r('pending'), ms)),
  ]);

describe('a worker whose script did not load', () => {
  it('fails the calls waiting on it, and every later one, with a plain way out (they waited forever)', async () => {
    const worker = new SilentWorker();
    const remote = watchedRemote<Api>(worker as unknown as Worker, 'training worker');
    const waiting = remote.memory();
    expect(await settledWithin(waiting, 20)).toBe('pending');
    expect(worker.sent).toBe(1);
    worker.dispatchEvent(new Event('error'));
    expect(await settledWithin(waiting, 20)).toEqual({
      error: expect.stringMatching(/^The studio's training worker could not be started .*Reload the page\.$/),
    });
    expect(await settledWithin(remote.memory(), 20)).toEqual({ error: expect.stringMatching(/could not be started/) });
  });

  it('an error thrown inside a running worker (it lives on) does not fail its calls', async () => {
    const worker = new SilentWorker();
    const remote = watchedRemote<Api>(worker as unknown as Worker, 'training worker');
    const waiting = remote.memory();
    const runtime = Object.assign(new Event('error'), { message: 'Uncaught TypeError: x is undefined' });
    worker.dispatchEvent(runtime);
    expect(await settledWithin(waiting, 20)).toBe('pending');
  });
});

describe('a worker that answers', () => {
  it('passes each answer through, call after call', async () => {
    class Answering extends EventTarget {
      postMessage(msg: { id: string }) {
        // comlink's reply: a RETURN of the value asked for
        queueMicrotask(() =>
          this.dispatchEvent(Object.assign(new Event('message'), { data: { id: msg.id, type: 'RAW', value: 42 } })),
        );
      }
      terminate() {}
    }
    const remote = watchedRemote<Api>(new Answering() as unknown as Worker, 'training worker');
    expect(await remote.memory()).toBe(42);
    expect(await remote.memory()).toBe(42);
  });
});
