import { afterEach, describe, expect, it, vi } from 'vitest';
import { all, markup, parse } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { BACKBONES, registerBackbone, unregisterBackbone } = await import('../src/core/backbones/registry');
const { BackbonePicker } = await import('../src/ui/BackbonePicker');

// The picker named each backbone and its facts (MB, input size, features): nothing said which to
// pick. Each built-in one has a plain line for a maker, shown under its name and read as the
// choice's description, so the name the e2e specs and speech users select it by stays the same.

afterEach(() => unregisterBackbone('custom-x'));

/** each choice: its accessible name (the label's text less what is hidden from it), its description, and what it shows */
function choices() {
  const html = markup(BackbonePicker);
  const tree = parse(html);
  return all(tree, (n) => n.tag === 'label' && (n.attrs.class ?? '').split(' ').includes('backbone')).map((label) => {
    let name = label.text;
    for (const hidden of all(label, (n) => n.attrs['aria-hidden'] === 'true' || 'hidden' in n.attrs))
      name = name.replace(hidden.text, '');
    // what a sighted person reads on the card: less what only a screen reader gets
    let seen = label.text;
    for (const hidden of all(label, (n) => 'hidden' in n.attrs || n.attrs.class === 'visually-hidden'))
      seen = seen.replace(hidden.text, '');
    const radio = all(label, (n) => n.tag === 'input')[0];
    const description = radio.attrs['aria-describedby']
      .split(' ')
      .map((id) => all(tree, (n) => n.attrs.id === id)[0]?.text ?? '')
      .join(' ');
    const shown = all(label, (n) => n.attrs.class === 'backbone-tagline')[0]?.text;
    const lines = all(label, (n) => n.tag === 'span' && n.parent === label && !('hidden' in n.attrs)).length;
    return { id: radio.attrs.value, name: name.replace(/\s+/g, ' ').trim(), description, shown, seen, lines };
  });
}

describe("a backbone's plain tagline", () => {
  it('every built-in backbone has one, short, and the 320-px twins their own', () => {
    for (const b of BACKBONES) {
      expect(b.tagline, b.id).toBeTruthy();
      expect(b.tagline!.length, b.id).toBeLessThanOrEqual(120);
    }
    const of = (id: string) => BACKBONES.find((b) => b.id === id)!.tagline;
    expect(of('mobilenet-v1-0.25@320')).not.toBe(of('mobilenet-v1-0.25'));
    expect(of('mobilenet-v1-0.25@320')).toMatch(/1\.7×/);
    expect(of('mobilenet-v1-0.25-graph')).toMatch(/cannot be fine-tuned/);
  });

  it('is shown under the name, said first in the description, and kept out of the name', () => {
    const shown = choices();
    expect(shown.map((c) => c.id)).toEqual(BACKBONES.map((b) => b.id));
    for (const c of shown) {
      const { tagline } = BACKBONES.find((b) => b.id === c.id)!;
      expect(c.shown).toBe(tagline);
      expect(c.description).toBe(`${tagline}.`);
      expect(c.name).not.toContain(tagline);
    }
    // the spans lie in grid cells: the browser puts a space between them, the markup has none
    expect(shown[0].name).toMatch(/^MobileNet v1 α0\.25\s*1\.9 MB · input 224×224 · 384 features · fine-tunable$/);
  });

  it('a card shows its name, what it is for and its size: where it loads from and its features are under one fold', () => {
    const tree = parse(markup(BackbonePicker));
    for (const c of choices()) {
      // name, tagline, size: three lines
      expect(c.lines, c.id).toBe(3);
      expect(c.seen, c.id).not.toMatch(/loads from|features|input \d|storage\.googleapis|tensorflow-models/);
    }
    // the graph model's package is for developers: its name's remark stays in what it is named by, not on the
    // card, which says "graph model" (the layers model's card reads "MobileNet v1 α0.25" too)
    const graph = choices().find((c) => c.id === 'mobilenet-v1-0.25-graph')!;
    expect(graph.name).toMatch(/graph model/);
    expect(graph.seen).toMatch(/^MobileNet v1 α0\.25 \(graph model\)\s*For apps/);
    // the 320-px note is said once, under the fold, not on each of the two cards
    const about = all(tree, (n) => n.tag === 'details' && (n.attrs.class ?? '').includes('backbones-about'));
    expect(about).toHaveLength(1);
    expect(all(about[0], (n) => n.tag === 'summary')[0].text).toBe('About these backbones');
    const note = BACKBONES.find((b) => b.id === 'mobilenet-v1-0.25@320')!.note!;
    expect(about[0].text.split(note)).toHaveLength(2);
    expect(tree.text.split(note)).toHaveLength(2);
    expect(about[0].text).toMatch(/loads from \S+, then \S*storage\.googleapis\.com/);
    expect(about[0].text).toContain('MobileNet v1 α0.25 (graph model, @tensorflow-models/mobilenet)');
  });

  it('a brought backbone has none: its choice is described by where it loads from alone', () => {
    registerBackbone({ ...BACKBONES[0], id: 'custom-x', name: 'Mine', hostedUrl: '', tagline: undefined });
    const mine = choices().find((c) => c.id === 'custom-x')!;
    expect(mine.shown).toBeUndefined();
    expect(mine.description).toMatch(/^a backbone you brought/);
  });
});
