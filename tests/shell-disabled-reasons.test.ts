import { beforeEach, describe, expect, it, vi } from 'vitest';
import { all, byId, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { ProjectBar } = await import('../src/ui/ProjectBar');
const { BackendBadge } = await import('../src/ui/BackendBadge');

/**
 * A control held back says why, in words read with it (aria-describedby): during a run Open project
 * and New project, and the two backend selects while a run, a calibration or a backbone load went
 * on, were disabled with no reason given.
 */
const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });

/** What a screen reader reads after the control's name: the texts its aria-describedby points to. */
const description = (html: string, el: ReturnType<typeof parse> | undefined) => {
  expect(el).toBeDefined();
  return (el!.attrs['aria-describedby'] ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => byId(html, id)?.text.trim() ?? `(no element #${id})`)
    .join(' ');
};

describe('the project bar says what holds its buttons', () => {
  const bar = () => {
    const html = markup(ProjectBar);
    const tree = parse(html);
    const button = (name: string) => all(tree, (n) => n.tag === 'button' && n.text.trim() === name)[0];
    const open = all(tree, (n) => n.tag === 'input' && n.attrs.type === 'file')[0];
    return { html, button, open };
  };

  beforeEach(() => {
    seed(useTraining, { status: 'idle' });
    seed(useProject, { classes: [{ id: 'c1', name: 'cats', images: [projectImage('i1', file('a.png'))] }] });
  });

  it('during a run: Open project and New project wait until it ends', () => {
    seed(useTraining, { status: 'training', epochs: [], epochsPlanned: 20 });
    const { html, button, open } = bar();
    expect(button('New project')!.attrs.disabled).toBeDefined();
    expect(description(html, button('New project'))).toMatch(/wait until the run ends/);
    expect(button('New project')!.attrs.title).toMatch(/wait until the run ends/);
    expect(description(html, open)).toMatch(/wait until the run ends/);
    // the download is not held by a run
    expect(button('Download project (zip)')!.attrs['aria-describedby']).toBeUndefined();
  });

  it('with nothing in the project: Download project and New project say what they need', () => {
    seed(useProject, { classes: [] });
    const { html, button } = bar();
    for (const name of ['Download project (zip)', 'New project']) {
      expect(button(name)!.attrs.disabled, name).toBeDefined();
      expect(description(html, button(name)), name).toMatch(/need a class or an image/);
    }
  });

  it('nothing is said of a button that is free', () => {
    const { button, open } = bar();
    for (const el of [button('New project'), button('Download project (zip)'), open])
      expect(el!.attrs['aria-describedby']).toBeUndefined();
    expect(button('New project')!.attrs.title).toBeUndefined();
  });
});

describe('the backend selects say what holds them', () => {
  const probes = [
    { name: 'webgl', ok: true },
    { name: 'wasm', ok: true },
  ];
  const selects = () => {
    const html = markup(BackendBadge);
    const tree = parse(html);
    return { html, selects: all(tree, (n) => n.tag === 'select') };
  };

  beforeEach(() => {
    seed(useTraining, { status: 'idle' });
    seed(useBackbone, {
      backend: { active: 'webgl', reason: 'fastest here', probes, signature: 's', head: null } as never,
      backendError: null,
      status: 'ready',
      calibrating: null,
      autoCalibrating: false,
    });
  });

  it.each([
    ['a run', () => seed(useTraining, { status: 'extracting' }), /when the run ends/],
    [
      'a calibration',
      () => seed(useBackbone, { calibrating: { done: 1, total: 4, detail: 'webgl' } }),
      /when the backend calibration ends/,
    ],
    ['a backbone loading', () => seed(useBackbone, { status: 'loading' }), /once the backbone has loaded/],
  ])('during %s', (_, start, why) => {
    start();
    const { html, selects: both } = selects();
    expect(both).toHaveLength(2);
    for (const select of both) {
      expect(select.attrs.disabled).toBeDefined();
      expect(description(html, select)).toMatch(why);
    }
  });

  it('nothing is said while they are free', () => {
    for (const select of selects().selects) expect(select.attrs['aria-describedby']).toBeUndefined();
  });
});
