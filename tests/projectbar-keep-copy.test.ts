import { beforeEach, describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { usePersistence } = await import('../src/state/persist');
const { ProjectBar } = await import('../src/ui/ProjectBar');

/**
 * "the browser may clear it" named its remedy only to screen readers: the header now offers it, a
 * small "keep a copy" beside the words, doing what Download project (zip) does.
 */
const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
type Node = ReturnType<typeof parse>;
const classes = (n: Node) => (n.attrs.class ?? '').split(' ');
/** what a sighted person reads: the text less what is only there for screen readers */
function visible(n: Node): string {
  let text = n.text;
  for (const h of all(n, (c) => classes(c).includes('visually-hidden'))) text = text.replace(h.text, '');
  return text.replace(/\s+/g, ' ').trim();
}
const name = (n: Node) => n.text.replace(/\s+/g, ' ').trim();

function bar() {
  const tree = parse(markup(ProjectBar));
  const note = all(tree, (n) => n.attrs['data-testid'] === 'not-kept')[0];
  const buttons = all(tree, (n) => n.tag === 'button');
  return { note, buttons };
}

describe('the header offers a copy of a project the browser may clear', () => {
  beforeEach(() => {
    seed(useTraining, { status: 'idle' });
    seed(useProject, { classes: [{ id: 'c1', name: 'cats', images: [projectImage('i1', file('a.png'))] }] });
    seed(usePersistence, {
      status: 'saved',
      savedImages: 1,
      usage: { used: 2_800_000, quota: 10e9 },
      kept: false,
      error: null,
      full: false,
    });
  });

  it('not kept: the words say so and a visible "keep a copy" button follows them', () => {
    const { note, buttons } = bar();
    expect(visible(note)).toBe('· the browser may clear it: keep a copy');
    const keep = all(note, (n) => n.tag === 'button');
    expect(keep).toHaveLength(1);
    expect(visible(keep[0])).toBe('keep a copy');
    // its name starts with its visible words and says what it keeps
    expect(name(keep[0])).toBe('keep a copy of the project (zip)');
    expect(keep[0].attrs.disabled).toBeUndefined();
    // unique names, and none that a search for "Download project (zip)" also finds
    const names = buttons.map(name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.toLowerCase().includes('download project (zip)'))).toEqual(['Download project (zip)']);
  });

  it('kept by the browser: neither the words nor the button', () => {
    seed(usePersistence, { kept: true });
    const { note, buttons } = bar();
    expect(note).toBeUndefined();
    expect(buttons.map(name)).not.toContain('keep a copy of the project (zip)');
  });
});
