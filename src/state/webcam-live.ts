import * as Comlink from 'comlink';
import type { StoreApi } from 'zustand';
import { decide } from '../core/live/decision';
import { FpsMeter, median } from '../core/live/fps';
import { ProbabilitySmoother } from '../core/live/smoothing';
import { studioWorker } from '../worker/client';
import type { ModelInfo } from './model-in-use';
import type { WebcamState } from './webcam-types';
import { frameReady, grabForModel } from './webcam-frames';

/**
 * The webcam's live classification: frames of the video on show go to the model in use, and the
 * smoothed answer, its rate and timings are published to the webcam store (state/webcam.ts).
 */

/** What the live loop reads and changes of the webcam store (state/webcam.ts hands it over). */
export interface LiveContext {
  store: Pick<StoreApi<WebcamState>, 'getState' | 'setState' | 'subscribe'>;
  /** the <video> showing the stream (CameraView registers it) */
  video(): HTMLVideoElement | null;
  /** the model in use (its input size and crop decide how frames are grabbed) */
  model(): ModelInfo | null;
}

/** How often live results are published to React (the loop itself runs as fast as the model). */
const PUBLISH_MS = 100;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The tab is hidden, or the camera sends no pictures: nothing new to classify. */
const unseen = ({ store }: LiveContext) => store.getState().hidden || store.getState().muted;

/** Resolves once the tab is visible and the camera sends pictures again, or `signal` aborts. */
function untilSeen(ctx: LiveContext, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (unseen(ctx) && !signal.aborted) return;
      unsubscribe();
      signal.removeEventListener('abort', check);
      resolve();
    };
    const unsubscribe = ctx.store.subscribe(check);
    signal.addEventListener('abort', check);
    check();
  });
}

type FrameResult = Awaited<ReturnType<ReturnType<typeof studioWorker>['classifyFrame']>>;

/**
 * Frames handed to the worker ahead of the one being read: its queue is never empty. With two,
 * a page that took longer than one forward pass to take a result and grab the next frame (a busy
 * machine; 4× throttling) left the worker idle: live ÷ raw 0.79 at 1× and 0.58 at 4× at load 15,
 * 0.82 and 0.79 with three.
 */
export const IN_FLIGHT = 3;

/**
 * Live classification until `signal` aborts. Three frames are in flight: while the worker
 * classifies one, the next two are already waiting in its queue, so the worker never idles on the
 * round trip (result back, page work, next frame over) and the rate approaches the model's own
 * forward rate; the cost is two frames of extra latency. Frames that arrive meanwhile are skipped.
 */
export async function classifyLive(ctx: LiveContext, signal: AbortSignal): Promise<void> {
  const { store } = ctx;
  const smoother = new ProbabilitySmoother();
  const meter = new FpsMeter(2000);
  const modelMs: number[] = [];
  const frameMs: number[] = [];
  let frames = 0;
  let lastPublish = 0;
  let classesKey = '';
  const remember = (list: number[], v: number) => {
    list.push(v);
    if (list.length > 30) list.shift();
  };
  const queue: { sent: number; model: ModelInfo | null; result: Promise<FrameResult> }[] = [];
  const send = async (video: HTMLVideoElement) => {
    const sent = performance.now();
    // the worker answers with the model in use when the frame goes: its answer is tagged with it
    const model = ctx.model();
    const bitmap = await grabForModel(video, model);
    if (signal.aborted) return bitmap.close();
    const result = studioWorker().classifyFrame(Comlink.transfer(bitmap, [bitmap]));
    result.catch(() => undefined);
    queue.push({ sent, model, result });
  };
  while (!signal.aborted) {
    if (unseen(ctx)) {
      // no forward passes for a tab nobody sees, nor for the last picture of a camera that sends
      // none; the frames sent before are answered and dropped (their answers would come back as
      // stale and slow as the time away)
      await Promise.allSettled(queue.splice(0).map((q) => q.result));
      // the last answer is not a live one while the picture stands still
      if (store.getState().muted) store.setState({ live: null });
      await untilSeen(ctx, signal);
      // the time away is no frame interval (the meter keeps its last two frames however old)
      meter.reset();
      continue;
    }
    const video = ctx.video();
    if (!frameReady(video)) {
      await sleep(50);
      continue;
    }
    try {
      while (queue.length < IN_FLIGHT && !signal.aborted) await send(video);
    } catch {
      await sleep(50);
      continue;
    }
    const head = queue.shift();
    if (!head) continue;
    let result: FrameResult;
    try {
      result = await head.result;
    } catch (err) {
      if (signal.aborted) break;
      store.setState({ liveError: (err as Error).message, live: null, liveModel: head.model });
      await sleep(1000);
      continue;
    }
    if (signal.aborted) break;
    const now = performance.now();
    frames++;
    meter.tick(now);
    remember(modelMs, result.ms);
    remember(frameMs, now - head.sent);
    const key = result.classes.join('\u0000');
    if (key !== classesKey) {
      classesKey = key;
      smoother.reset();
    }
    const { smoothing, threshold } = store.getState();
    smoother.amount = smoothing;
    const probs = smoother.push(result.probabilities);
    if (now - lastPublish >= PUBLISH_MS || frames === 1) {
      lastPublish = now;
      // every class, ranked: the live list cuts it to "Show top" itself, and only past a few
      // classes (ui/webcam/live-list.ts), as Try it lists them all
      const d = decide(result.classes, probs, threshold, 0);
      store.setState({
        liveError: null,
        liveModel: head.model,
        live: { ...d, fps: meter.fps(now), modelMs: median(modelMs), frameMs: median(frameMs), frames },
      });
    }
  }
}
