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

/** each choice: its accessible name (the label's text less what is hidden from it) and its description */
function choices() {
  const html = markup(BackbonePicker);
  const tree = parse(html);
  return all(tree, (n) => n.tag === 'label' && (n.attrs.class ?? '').split(' ').includes('backbone')).map((label) => {
    let name = label.text;
    for (const hidden of all(label, (n) => n.attrs['aria-hidden'] === 'true' || 'hidden' in n.attrs))
      name = name.replace(hidden.text, '');
    const radio = all(label, (n) => n.tag === 'input')[0];
    const description = radio.attrs['aria-describedby']
      .split(' ')
      .map((id) => all(tree, (n) => n.attrs.id === id)[0]?.text ?? '')
      .join(' ');
    const shown = all(label, (n) => n.attrs.class === 'backbone-tagline')[0]?.text;
    return { id: radio.attrs.value, name: name.replace(/\s+/g, ' ').trim(), description, shown };
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
      expect(c.description.startsWith(`${tagline}. `), c.description).toBe(true);
      expect(c.description).toMatch(/loads from /);
      expect(c.name).not.toContain(tagline);
    }
    // the spans lie in grid cells: the browser puts a space between them, the markup has none
    expect(shown[0].name).toMatch(/^MobileNet v1 α0\.25\s*1\.9 MB · input 224×224 · 384 features · fine-tunable$/);
  });

  it('a brought backbone has none: its choice is described by where it loads from alone', () => {
    registerBackbone({ ...BACKBONES[0], id: 'custom-x', name: 'Mine', hostedUrl: '', tagline: undefined });
    const mine = choices().find((c) => c.id === 'custom-x')!;
    expect(mine.shown).toBeUndefined();
    expect(mine.description).toMatch(/^a backbone you brought/);
  });
});
