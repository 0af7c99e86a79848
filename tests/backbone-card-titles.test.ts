import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { BACKBONES } = await import('../src/core/backbones/registry');
const { cardName } = await import('../src/ui/backbone-card-name');
const { BackbonePicker } = await import('../src/ui/BackbonePicker');

// Two cards read "MobileNet v1 α0.25": the layers model and the graph model behind
// @tensorflow-models/mobilenet, told apart only by their taglines.

const visible = (b: { name: string; format: 'layers' | 'graph' }) => {
  const { shown, after } = cardName(b);
  return shown + after;
};

describe("the backbone cards' titles", () => {
  it('are all different, and each is its whole name less a remark only its radio is named by', () => {
    const titles = BACKBONES.map(visible);
    expect(new Set(titles).size).toBe(titles.length);
    for (const b of BACKBONES) {
      const { shown, hidden, after } = cardName(b);
      expect(shown + hidden + after, b.id).toBe(b.name);
    }
    const graph = BACKBONES.find((b) => b.id === 'mobilenet-v1-0.25-graph')!;
    expect(visible(graph)).toBe('MobileNet v1 α0.25 (graph model)');
    expect(visible(BACKBONES.find((b) => b.id === 'mobilenet-v1-0.25')!)).toBe('MobileNet v1 α0.25');
  });

  it('a name with no remark, or a brought one, shows whole', () => {
    expect(visible({ name: 'My net (v2)', format: 'graph' })).toBe('My net (v2)');
    expect(visible({ name: 'My net', format: 'layers' })).toBe('My net');
  });

  it('as the picker shows them: distinct cards, each radio named by the whole name', () => {
    const tree = parse(markup(BackbonePicker));
    const names = all(tree, (n) => n.attrs.class === 'backbone-name');
    expect(names).toHaveLength(BACKBONES.length);
    const seen = names.map((n) => {
      let text = n.text;
      for (const h of all(n, (c) => c.attrs.class === 'visually-hidden')) text = text.replace(h.text, '');
      return text.trim();
    });
    expect(new Set(seen).size).toBe(seen.length);
    // what a screen reader reads: the title less its aria-hidden copy, the whole name in one run
    // (a hidden remark between visible runs was read "(yours , features from … )")
    const heard = names.map((n) => {
      let text = n.text;
      for (const h of all(n, (c) => c.attrs['aria-hidden'] === 'true')) text = text.replace(h.text, '');
      return text.trim();
    });
    expect(heard).toEqual(BACKBONES.map((b) => b.name));
    for (const n of names)
      for (const h of all(n, (c) => c.attrs.class === 'visually-hidden'))
        expect(BACKBONES.map((b) => b.name)).toContain(h.text);
  });
});
