import type { ChartFrame } from './chart-draw';

/**
 * What the page posts to the chart worker: a chart's canvas (once), a frame to draw, or the chart
 * gone. Plain postMessage rather than comlink: nothing comes back, so no reply wakes the page.
 */
export type ChartMessage =
  | { kind: 'canvas'; id: number; canvas: OffscreenCanvas }
  | { kind: 'draw'; id: number; frame: ChartFrame }
  | { kind: 'release'; id: number };

let worker: Worker | null | undefined;
let nextId = 1;
/** canvases whose control went to the worker, by element: control transfers once per canvas (StrictMode runs effects twice) */
const handed = new WeakMap<HTMLCanvasElement, number>();

function chartWorker(): Worker | null {
  if (worker === undefined) {
    try {
      worker = new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module', name: 'charts' });
    } catch {
      worker = null;
    }
  }
  return worker;
}

/** Whether this browser can draw a canvas from a worker (Chromium 69, Firefox 105, Safari 16.4 on). */
export const canPaintOffThread = (canvas: HTMLCanvasElement): boolean =>
  typeof canvas.transferControlToOffscreen === 'function' &&
  typeof OffscreenCanvas !== 'undefined' &&
  typeof Worker !== 'undefined';

/**
 * Draws `frame` on `canvas` from the chart worker; false where it cannot (the page draws then).
 * A canvas handed over once stays the worker's: the page can no longer draw on it.
 */
export function paintOffThread(canvas: HTMLCanvasElement, frame: ChartFrame): boolean {
  let id = handed.get(canvas);
  if (id === undefined && !canPaintOffThread(canvas)) return false;
  const w = chartWorker();
  if (!w) return false;
  if (id === undefined) {
    let offscreen: OffscreenCanvas;
    try {
      offscreen = canvas.transferControlToOffscreen();
    } catch {
      // handed to an earlier chart worker (a dev server's hot reload of this module): the page
      // cannot draw on it either, so the chart keeps its last drawing until it mounts again
      return true;
    }
    id = nextId++;
    handed.set(canvas, id);
    w.postMessage({ kind: 'canvas', id, canvas: offscreen } satisfies ChartMessage, [offscreen]);
  }
  const buffers = frame.series.flatMap((s) => [s.xs.buffer, s.ys.buffer]);
  w.postMessage({ kind: 'draw', id, frame } satisfies ChartMessage, buffers);
  return true;
}

/** Forgets a chart whose canvas left the page (an effect's cleanup; one still on the page is kept). */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  const id = handed.get(canvas);
  if (id === undefined || canvas.isConnected) return;
  handed.delete(canvas);
  worker?.postMessage({ kind: 'release', id } satisfies ChartMessage);
}
