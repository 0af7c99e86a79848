import { yieldToEventLoop } from '../core/yield';

/** a hidden page draws no frames: what waits for one goes on after this long without */
export const NO_FRAME_MS = 100;

/**
 * Runs `run` once the next frame has been drawn, in a task of its own (a task posted from a frame
 * callback runs after that frame's paint), or after NO_FRAME_MS where no frame comes (a hidden
 * tab). Returns a cancel. Work split this way is laid out and painted one part per frame: parts
 * React commits in back-to-back tasks all land in the same frame's layout.
 */
export function afterNextFrame(run: () => void): () => void {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    run();
  };
  const timer = setTimeout(go, NO_FRAME_MS);
  const frame =
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => void yieldToEventLoop().then(go)) : null;
  return () => {
    done = true;
    clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
