import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { InsightPanel } = await import('../src/ui/InsightPanel');

describe('Check the data on a new, empty project', () => {
  it('says what the check will look at once images are added, with nothing to press', () => {
    seed(useBackbone, { status: 'ready' });
    seed(useProject, { classes: [] });
    const page = markup(InsightPanel);
    expect(all(parse(page), (n) => n.tag === 'button')).toHaveLength(0);
    const said = all(parse(page), (n) => n.attrs['data-testid'] === 'insight-empty')[0]?.text ?? '';
    // a card that only said "add images" told a newcomer nothing of what it is for
    for (const what of [
      /identical/,
      /nearly identical/,
      /train\/validation split/,
      /unreadable/,
      /small or imbalanced classes/,
      /feature map/i,
    ])
      expect(said).toMatch(what);
    expect(said).toMatch(/^Once you add images/);
  });

  it('with images, still says what the check finds (it said only that features are cached), and what is kept', () => {
    seed(useBackbone, { status: 'ready' });
    seed(useProject, { classes: [{ id: 'a', name: 'a', images: [{ id: 'i' }] }] as never });
    const said = all(parse(markup(InsightPanel)), (n) => n.attrs['data-testid'] === 'insight-about')[0]?.text ?? '';
    for (const what of [/nearly identical/, /both sides of the train\/validation split/, /unreadable/, /feature map/i])
      expect(said).toMatch(what);
    expect(said).toMatch(/^Looks your images over through the backbone/);
    // the cache and what a reload loses, said after what it is for
    expect(said).toMatch(/Training reuses the features.*not saved: run it again after a reload/);
  });
});
