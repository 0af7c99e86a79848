// The live charts' drawing, off the page's thread: each chart's canvas is handed over once
// (transferControlToOffscreen) and every redraw arrives as plain data (chart-draw.ts). Drawn on the
// page, a redraw was 2-23 ms of the page's CPU under 4× CPU throttling, half of the task that
// showed the first model (trace at load 2.6).
import { drawChart, type ChartFrame } from './chart-draw';
import type { ChartMessage } from './chart-painter';

const canvases = new Map<number, OffscreenCanvas>();
/** the newest frame of each chart not drawn yet: redraws that queue up while one draws are drawn once */
const waiting = new Map<number, ChartFrame>();
let scheduled = false;

function drawWaiting(): void {
  scheduled = false;
  for (const [id, frame] of waiting) {
    const canvas = canvases.get(id);
    if (canvas) drawChart(canvas, frame);
  }
  waiting.clear();
}

self.onmessage = (e: MessageEvent<ChartMessage>) => {
  const m = e.data;
  if (m.kind === 'canvas') canvases.set(m.id, m.canvas);
  else if (m.kind === 'release') {
    canvases.delete(m.id);
    waiting.delete(m.id);
  } else {
    waiting.set(m.id, m.frame);
    if (!scheduled) {
      scheduled = true;
      setTimeout(drawWaiting, 0);
    }
  }
};
