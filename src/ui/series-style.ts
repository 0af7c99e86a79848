/**
 * How the charts tell many series apart (the feature map's classes, the runs of a project). Ten
 * colours alone repeat from the eleventh class: class 11 was drawn exactly as class 1. Each round
 * of the colours gets its own marker shape (points) or dash (lines), so a series is told from
 * every other one up to colours × shapes (70) or colours × dashes (40). Past 70 the shapes come
 * again as outlines on white (class 71 was drawn exactly as class 1): 140 looks for points.
 */
export const SERIES_COLOURS = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#4b5563',
  '#ea580c',
] as const;

/** recharts' scatter shapes, in the order their outlines differ most */
export const SERIES_SHAPES = ['circle', 'triangle', 'square', 'diamond', 'cross', 'star', 'wye'] as const;
export type SeriesShape = (typeof SERIES_SHAPES)[number];

/** SVG stroke-dasharray per round; the first round is solid */
export const SERIES_DASHES = [undefined, '8 4', '2 3', '10 3 2 3'] as const;

const round = (k: number) => Math.floor(k / SERIES_COLOURS.length);

export const seriesColour = (k: number): string => SERIES_COLOURS[k % SERIES_COLOURS.length];
export const seriesShape = (k: number): SeriesShape => SERIES_SHAPES[round(k) % SERIES_SHAPES.length];
export const seriesDash = (k: number): string | undefined => SERIES_DASHES[round(k) % SERIES_DASHES.length];
/** drawn as an outline in its colour: the second pass through the colour × shape looks */
export const seriesHollow = (k: number): boolean => Math.floor(round(k) / SERIES_SHAPES.length) % 2 === 1;
/** the marker's fill: its colour, or white inside the outline of a hollow one */
export const seriesFill = (k: number): string => (seriesHollow(k) ? '#fff' : seriesColour(k));
