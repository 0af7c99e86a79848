/** Where the layer map's scroller stands: the boundary's place in its content, in px. */
export interface MapPan {
  boundary: number;
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * The scroll position that shows the freeze boundary with the blocks that train and the head to its
 * right, or null to stay put. The head ends the drawing, so the scroller's far end shows it: there
 * when the boundary fits beside it, else the boundary at the left edge (the most trained blocks in
 * view). A boundary already in view stays put when the head cannot show beside it, so a keyboard
 * step does not make the map jump; on a phone the map opened at the input's end, the boundary and
 * head past the right edge, and the map once opened on blocks 6–13 with the head cut off.
 */
export function panTo({ boundary, scrollLeft, scrollWidth, clientWidth }: MapPan): number | null {
  const end = scrollWidth - clientWidth;
  if (end <= 0) return null;
  // room for the boundary's handle and a block's edge beside it
  const margin = Math.min(32, clientWidth / 8);
  const withHead = boundary - margin >= end;
  const inView = boundary >= scrollLeft + margin && boundary <= scrollLeft + clientWidth - margin;
  if (inView && (!withHead || scrollLeft >= end - 1)) return null;
  return withHead ? end : Math.max(0, boundary - margin);
}
