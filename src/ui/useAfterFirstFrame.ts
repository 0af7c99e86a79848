import { useEffect, useState } from 'react';
import { afterNextFrame } from './after-frame';

/**
 * False until the component's first frame has been drawn. A live region that comes with its words
 * is often not read (the screen reader meets the region and its words at once, and no change): held
 * back a frame, the words are a change of a region already there.
 */
export function useAfterFirstFrame(): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => afterNextFrame(() => setDrawn(true)), []);
  return drawn;
}

/** Runs `run` once the page around it has drawn its first frame (an element in the first render's tree). */
export function AfterFirstFrame({ run }: { run(): void }): null {
  useEffect(() => afterNextFrame(run), [run]);
  return null;
}
