import { useSyncExternalStore } from 'react';
import { CHART_INKS, type ChartInks } from './chart-draw';

export type ColourScheme = 'light' | 'dark';

/**
 * Colours the page's CSS cannot reach: lines on a canvas (drawn in the chart worker) and recharts'
 * SVG attributes. Each light colour the charts use maps to a lighter one of the same hue for the
 * dark scheme: the light palette's blues and reds were 2.3-2.9:1 on the dark surface, under the
 * 3:1 WCAG 1.4.11 asks of lines. styles.css holds the same scheme for everything else.
 */
const DARK_OF: Record<string, string> = {
  '#2563eb': '#60a5fa',
  '#c2410c': '#fb923c',
  '#475569': '#94a3b8',
  '#dc2626': '#f87171',
  '#059669': '#34d399',
  '#d97706': '#fbbf24',
  '#7c3aed': '#a78bfa',
  '#db2777': '#f472b6',
  '#0891b2': '#22d3ee',
  '#65a30d': '#a3e635',
  '#4b5563': '#9ca3af',
  '#ea580c': '#fdba74',
  '#16a34a': '#4ade80',
  // a hollow marker's inside: the surface it is drawn on
  '#fff': '#1f2937',
};

/** `colour` (one of the light palette's) as the scheme shows it. */
export const schemeColour = (colour: string, scheme: ColourScheme): string =>
  scheme === 'dark' ? (DARK_OF[colour] ?? colour) : colour;

/** A chart's tick labels, grid and axis lines in `scheme`. */
export const chartInks = (scheme: ColourScheme): ChartInks => CHART_INKS[scheme];

const query = (): MediaQueryList | null =>
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function subscribe(changed: () => void): () => void {
  const q = query();
  q?.addEventListener('change', changed);
  return () => q?.removeEventListener('change', changed);
}

const current = (): ColourScheme => (query()?.matches ? 'dark' : 'light');

/** The system's colour scheme, re-rendering when it changes (a laptop turning dark at dusk). */
export function useColourScheme(): ColourScheme {
  return useSyncExternalStore(subscribe, current, () => 'light');
}
