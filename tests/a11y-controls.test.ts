import { beforeEach, describe, expect, it, vi } from 'vitest';
import { all, byId, liveRegions, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// where each control that removes or disables itself hands the focus on to
vi.mock('../src/ui/focus-after-removal', () => import('./hand-on-recorder'));
const { handOns } = await import('./hand-on-recorder');
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { useTraining } = await import('../src/state/training');
const { useBackbone } = await import('../src/state/backbone');
const { useWebcam } = await import('../src/state/webcam');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { ImageTile } = await import('../src/ui/ImageTile');
const { InterruptedRun } = await import('../src/ui/InterruptedRun');
const { Step } = await import('../src/ui/layout/Step');
const { InsightPanel } = await import('../src/ui/InsightPanel');
const { HealthPanel } = await import('../src/ui/HealthPanel');
const { EmbeddingView } = await import('../src/ui/EmbeddingView');
const { LrFinder } = await import('../src/ui/LrFinder');
const { UnknownThreshold } = await import('../src/ui/UnknownThreshold');

const html = markup;
const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const buttonNamed = (page: string, text: string) =>
  all(parse(page), (n) => n.tag === 'button' && n.text.trim() === text)[0];

/** Whether `selector` (an id or an attribute test) names an element of `page` that takes the focus. */
function focusableIn(page: string, selector: string): boolean {
  const tree = parse(page);
  const id = /^#([\w-]+)$/.exec(selector);
  const attr = /^\[([\w-]+)="([^"]*)"\]$/.exec(selector);
  const found = all(tree, (n) => (id ? n.attrs.id === id[1] : !!attr && n.attrs[attr[1]] === attr[2]));
  return found.some((n) => n.attrs.tabindex !== undefined || ['button', 'a', 'input', 'select'].includes(n.tag));
}

beforeEach(() => {
  handOns.length = 0;
});

describe('a control that removes itself always has somewhere to hand the focus', () => {
  it("a results tile's Delete, the cell's last one: to the tile that says Deleted", () => {
    seed(useProject, {
      classes: [
        { id: 'c1', name: 'cats', images: [projectImage('i1', file('a.jpg'))] },
        { id: 'c2', name: 'dogs', images: [] },
      ],
    });
    seed(useInsight, { changed: {} });
    html(ImageTile, { id: 'i1', suggest: 'dogs' });
    const del = handOns.find((h) => h.peers === '.tile-delete')!;
    const fallbacks = [del.fallback].flat();
    expect(fallbacks.length).toBeGreaterThan(0);
    // once deleted, the tile stays and says so: the focus can rest there
    seed(useProject, { classes: [{ id: 'c2', name: 'dogs', images: [] }] });
    seed(useInsight, { changed: { i1: { what: 'deleted', from: 'c1' } } });
    const gone = html(ImageTile, { id: 'i1' });
    expect(gone).toContain('Deleted');
    expect(fallbacks.some((f) => focusableIn(gone, f))).toBe(true);
  });

  it("an interrupted run's Discard: to Train, else to the Train step (Train is often disabled)", () => {
    seed(useTraining, {
      interrupted: {
        checkpoint: { epoch: 2, epochsPlanned: 10, history: [] },
        settings: DEFAULT_SETTINGS,
        classes: ['cats'],
        images: [],
        backboneId: 'mobilenet-v1-0.25',
        savedAt: '2024-01-01T00:00:00Z',
        split: 2,
      } as never,
    });
    html(InterruptedRun, { resumeDisabled: true });
    const discard = handOns.find(
      (h) => h.peers === '.interrupted-action' && [h.fallback].flat()[0] === 'button.run-train',
    );
    expect(discard).toBeDefined();
    const step = html(Step, { id: 'train', title: 'Train', children: null });
    expect([discard!.fallback].flat().some((f) => focusableIn(step, f))).toBe(true);
  });
});

describe('names start with the words shown', () => {
  it("a results tile's moves: each says where, and names its image", () => {
    seed(useProject, {
      classes: [
        { id: 'c1', name: 'cats', images: [projectImage('i1', file('a.jpg')), projectImage('i2', file('b.jpg'))] },
        { id: 'c2', name: 'dogs', images: [] },
      ],
    });
    seed(useInsight, { changed: {} });
    const move = buttonNamed(html(ImageTile, { id: 'i1', suggest: 'dogs' }), 'Move to dogs');
    expect(move.attrs['aria-label'].startsWith('Move to dogs')).toBe(true);
    // one per tile: each names its image
    expect(move.attrs['aria-label']).toContain('a.jpg');
    const other = buttonNamed(html(ImageTile, { id: 'i2', suggest: 'dogs' }), 'Move to dogs');
    expect(other.attrs['aria-label']).not.toBe(move.attrs['aria-label']);
  });
});

describe('Check dataset health and Show feature map', () => {
  it('each has a status beside it before it runs, so its outcome is heard when it comes', () => {
    seed(useInsight, {
      health: { ...useInsight.getState().health, status: 'idle', report: null },
      embedding: { ...useInsight.getState().embedding, status: 'idle', data: null },
    });
    expect(liveRegions(html(HealthPanel, { disabled: false })).filter((r) => r.attrs.role === 'status')).toHaveLength(
      1,
    );
    expect(liveRegions(html(EmbeddingView, { disabled: false })).filter((r) => r.attrs.role === 'status')).toHaveLength(
      1,
    );
  });

  it('the status says the outcome in a line', () => {
    seed(useInsight, {
      health: {
        ...useInsight.getState().health,
        status: 'done',
        report: { issues: [], checked: 12, extracted: 12 },
        stale: false,
      },
      embedding: {
        ...useInsight.getState().embedding,
        status: 'done',
        classes: ['cats', 'dogs'],
        data: {
          points: [
            { id: 'a', label: 0, x: 0, y: 0 },
            { id: 'b', label: 1, x: 1, y: 1 },
          ],
          explained: [0.6, 0.3],
          extracted: 2,
          failed: [],
        },
        stale: false,
      },
    });
    const health = liveRegions(html(HealthPanel, { disabled: false })).map((r) => r.text);
    expect(health).toContain('Checked 12 images: no problems found.');
    const map = liveRegions(html(EmbeddingView, { disabled: false })).map((r) => r.text);
    expect(map.join(' ')).toMatch(/Feature map shown: 2 images in 2 classes/);
  });

  it('disabled, they say why', () => {
    seed(useBackbone, { status: 'idle', loaded: null });
    seed(useProject, { classes: [{ id: 'c', name: 'cats', images: [projectImage('c1', file('a.png'))] }] });
    const page = html(InsightPanel);
    for (const text of ['Check dataset health', 'Show feature map']) {
      const button = buttonNamed(page, text);
      expect(button.attrs.disabled).toBeDefined();
      const why = (button.attrs['aria-describedby'] ?? '').split(' ').map((id) => byId(page, id)?.text ?? '');
      expect(why.join(' ')).toMatch(/backbone/i);
    }
    // with no images there is nothing to check: in place of the buttons, what they will check once there are
    seed(useBackbone, { status: 'ready' });
    seed(useProject, { classes: [] });
    const noImages = html(InsightPanel);
    expect(buttonNamed(noImages, 'Check dataset health')).toBeUndefined();
    expect(parse(noImages).text).toMatch(/Once you add images, this looks them over before training/);
  });
});

describe('Find learning rate, disabled, says why', () => {
  it("by the Train step's list of what is missing", () => {
    seed(useTraining, { status: 'idle' });
    const button = buttonNamed(html(LrFinder, { disabled: true }), 'Find learning rate');
    expect(button.attrs['aria-describedby']).toContain('train-blocked');
  });

  it('while training runs, in words beside it', () => {
    seed(useTraining, { status: 'training' });
    const page = html(LrFinder, { disabled: true });
    const button = buttonNamed(page, 'Find learning rate');
    const why = byId(page, button.attrs['aria-describedby']);
    expect(why?.text).toMatch(/[Tt]raining is running/);
  });
});

it('the unknown threshold is read as a percentage', () => {
  seed(useWebcam, { threshold: 0.65 });
  const slider = all(parse(html(UnknownThreshold)), (n) => n.tag === 'input')[0];
  expect(slider.attrs['aria-valuetext']).toBe('65%');
});
