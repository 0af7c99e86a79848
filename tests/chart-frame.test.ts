import { Suspense, createElement, type ReactElement } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { describe, expect, it, vi } from 'vitest';

// the SVG charts' chunk failing to arrive, as after a deploy or offline before the app was installed
vi.mock('../src/ui/svg-charts', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

const { LrCurve, RunLines } = await import('../src/ui/chart-frame');

/** the markup once every lazy part has settled (renderToStaticMarkup would give the fallback) */
async function settled(element: ReactElement): Promise<string> {
  const { prelude } = await prerenderToNodeStream(createElement(Suspense, { fallback: 'loading' }, element));
  let html = '';
  for await (const chunk of prelude) html += String(chunk);
  return html;
}

describe('a lazily loaded SVG chart whose code cannot be fetched', () => {
  it('says so where the chart would be, and the page renders on', async () => {
    const html = await settled(createElement(RunLines, { data: [], runs: [1, 2], width: 400, height: 170 }));
    expect(html).toContain('This chart could not be loaded');
    expect(html).toContain('role="note"');
    expect(html).not.toContain('loading');
  });

  it('does so for each chart that asks', async () => {
    const html = await settled(createElement(LrCurve, { points: [], suggestion: null, width: 400, height: 220 }));
    expect(html).toContain('reload the page to draw it');
  });
});
