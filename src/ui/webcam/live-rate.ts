/**
 * How often the live answer changes, in words: what a person watching the camera wants to know.
 * The timings it comes from (the model's forward pass, a frame end to end) sit under Details.
 */
export function liveRateWords(fps: number): string {
  // the rate needs two answers in its window: the first has none
  if (!(fps > 0)) return 'Live: measuring how often it answers…';
  if (fps >= 1.5) return `Live: ${Math.round(fps)} answers a second`;
  const every = Math.round(1 / fps);
  // under load it fell below one a second (0.56 measured): "0 answers a second" would read as stopped
  return every <= 1 ? 'Live: about one answer a second' : `Live: one answer every ${every} seconds`;
}
