import { afterAll, describe, expect, it, vi } from 'vitest';
import { packSeries, type ChartFrame } from '../src/ui/chart-draw';

/** what the page posted to the (stand-in) chart worker */
const posted: { message: { kind: string; id: number }; transfer: unknown[] }[] = [];
class StandInWorker {
  postMessage(message: { kind: string; id: number }, transfer: unknown[] = []) {
    posted.push({ message, transfer });
  }
}
vi.stubGlobal('Worker', StandInWorker);
vi.stubGlobal('OffscreenCanvas', class {});
afterAll(() => vi.unstubAllGlobals());

const { paintOffThread, releaseCanvas } = await import('../src/ui/chart-painter');

const frame = (): ChartFrame => ({
  width: 200,
  height: 100,
  ratio: 1,
  axes: { x: { title: 'epoch', domain: [1, 2], ticks: [1, 2] }, y: { title: 'loss' } },
  series: packSeries([{ name: 'a', color: '#000', points: [{ x: 1, y: 1 }] }]),
});
const canvas = (transfer: () => unknown) =>
  ({ isConnected: true, transferControlToOffscreen: vi.fn(transfer) }) as unknown as HTMLCanvasElement & {
    transferControlToOffscreen: ReturnType<typeof vi.fn>;
    isConnected: boolean;
  };

describe('the chart painter', () => {
  it("hands a canvas's control over once and posts each frame with its series' buffers", () => {
    const c = canvas(() => ({ offscreen: true }));
    expect(paintOffThread(c, frame())).toBe(true);
    expect(paintOffThread(c, frame())).toBe(true);
    expect(c.transferControlToOffscreen).toHaveBeenCalledTimes(1);
    expect(posted.map((p) => p.message.kind)).toEqual(['canvas', 'draw', 'draw']);
    expect(posted[1].transfer).toHaveLength(2);
    // a cleanup while the canvas is still on the page (StrictMode's second effect) keeps it
    releaseCanvas(c);
    expect(posted.at(-1)!.message.kind).toBe('draw');
    c.isConnected = false;
    releaseCanvas(c);
    expect(posted.at(-1)!.message).toEqual({ kind: 'release', id: posted[0].message.id });
    // forgotten: drawn again, it is handed over again (a canvas that came back to the page)
    expect(paintOffThread(c, frame())).toBe(true);
    expect(c.transferControlToOffscreen).toHaveBeenCalledTimes(2);
  });

  it('a canvas handed to an earlier worker is left alone: nothing posted, nothing for the page to draw', () => {
    posted.length = 0;
    const c = canvas(() => {
      throw new DOMException('already transferred', 'InvalidStateError');
    });
    expect(paintOffThread(c, frame())).toBe(true);
    expect(posted).toEqual([]);
  });
});
