import { describe, expect, it } from 'vitest';
import { CHART_INKS } from '../src/ui/chart-draw';
import { SERIES } from '../src/ui/chart-series';
import { schemeColour } from '../src/ui/colour-scheme';
import { SERIES_COLOURS } from '../src/ui/series-style';

/** WCAG contrast ratio of two #rrggbb colours */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// the surfaces styles.css paints: panels and the page behind them
const DARK_SURFACE = '#1f2937';
const LIGHT_SURFACE = '#ffffff';

describe('colours for the dark scheme', () => {
  const lines = [...SERIES_COLOURS, ...Object.values(SERIES), '#16a34a'];

  it('every chart line colour has a dark-scheme twin that stands out from the dark surface (3:1, WCAG 1.4.11)', () => {
    for (const colour of lines) {
      const dark = schemeColour(colour, 'dark');
      expect(dark, colour).not.toBe(colour);
      expect(contrast(dark, DARK_SURFACE), `${colour} → ${dark}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('the light scheme keeps the colours as they are', () => {
    for (const colour of lines) expect(schemeColour(colour, 'light')).toBe(colour);
    expect(schemeColour('#abcdef', 'dark')).toBe('#abcdef');
  });

  it("the charts' own inks: labels 4.5:1 and lines 3:1 on their scheme's surface", () => {
    expect(contrast(CHART_INKS.dark.ink, DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(CHART_INKS.light.ink, LIGHT_SURFACE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(CHART_INKS.dark.axis, DARK_SURFACE)).toBeGreaterThanOrEqual(3);
  });

  it("a hollow marker's inside is the dark surface, not a white dot", () => {
    expect(schemeColour('#fff', 'dark')).toBe(DARK_SURFACE);
  });
});
