import { describe, expect, it, vi } from 'vitest';
import type { BlockInfo } from '../src/core/finetune/blocks';
import type { BackboneInfo } from '../src/worker/protocol';
import { all, markup, parse, seed } from './a11y-html';
import { CSS_TEXT } from './shell-css';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { LayerMap } = await import('../src/ui/LayerMap');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');

const blocks: BlockInfo[] = Array.from({ length: 14 }, (_, i) => ({
  name: `block_${i}`,
  layers: [{ name: `conv_${i}`, className: 'Conv2D', params: 10, trainableParams: 10 }],
  outputLayer: `conv_${i}`,
  outputShape: [7, 7, 64],
  params: 10,
  trainableParams: 10,
}));

function mapWith(unfreeze: number, shown: BlockInfo[] = blocks, id = 'mobilenet-v1-0.25') {
  seed(useBackbone, { loaded: { id, blocks: shown } as unknown as BackboneInfo });
  seed(useTraining, { settings: { ...DEFAULT_SETTINGS, unfreeze } });
  return parse(markup(LayerMap));
}

const textOf = (n: { text: string }) => n.text.replace(/\s+/g, ' ').trim();

describe('the layer map for a first-time user', () => {
  it('leads with what the current choice means, in plain words', () => {
    const map = all(mapWith(0), (n) => n.attrs.class === 'layer-map')[0];
    const first = map.children.filter((n) => n.tag !== 'h3')[0];
    expect(first.tag).toBe('p');
    expect(textOf(first)).toBe(
      'Only the small head on top trains; the backbone stays as it is. That is fastest and right for most projects.',
    );
    const two = all(mapWith(2), (n) => n.attrs.class === 'layer-map')[0].children.filter((n) => n.tag !== 'h3')[0];
    expect(textOf(two)).toMatch(/^The top 2 blocks train with the head: slower, /);
  });

  it('keeps the per-block layer list, behind a summary that names the block', () => {
    const tree = mapWith(2);
    const details = all(
      tree,
      (n) => n.tag === 'details' && all(n, (c) => c.attrs['data-testid'] === 'block-inspector').length > 0,
    );
    expect(details).toHaveLength(1);
    const summary = details[0].children[0];
    expect(summary.tag).toBe('summary');
    // the block the boundary sits on
    expect(textOf(summary)).toBe('Layers of block_12');
    const line = all(details[0], (n) => n.attrs['data-testid'] === 'block-inspector')[0];
    expect(textOf(line)).toMatch(
      /^block_12 · trainable · output 7×7×64 · 10 parameters · 1 layers: conv_12 \(Conv2D, 10\)$/,
    );
  });

  it('keeps the interaction help short and the slider described by it', () => {
    const tree = mapWith(0);
    const help = all(tree, (n) => n.attrs.id === 'layer-map-help')[0];
    expect(textOf(help)).toMatch(/Click or drag a block/);
    expect(textOf(help)).toMatch(/← →/);
    expect(textOf(help)).toMatch(/Home/);
    expect(textOf(help)).toMatch(/End/);
    expect(textOf(help).length).toBeLessThan(260);
    const slider = all(tree, (n) => n.attrs.role === 'slider')[0];
    expect(slider.attrs['aria-describedby']).toBe('layer-map-help');
  });
});

describe('what the head reads', () => {
  // v1's own names and widths where the head reads: block_11's output and block_13's
  const withOutput = (b: BlockInfo, layer: string, outputShape: number[]): BlockInfo => ({
    ...b,
    layers: [...b.layers, { name: layer, className: 'ReLU', params: 0, trainableParams: 0 }],
    outputLayer: layer,
    outputShape,
  });
  const v1 = blocks.map((b, i) =>
    i === 11
      ? withOutput(b, 'conv_pw_11_relu', [14, 14, 128])
      : i === 13
        ? withOutput(b, 'conv_pw_13_relu', [7, 7, 256])
        : b,
  );
  const inspected = (tree: ReturnType<typeof mapWith>) => {
    const details = all(tree, (n) => n.tag === 'details' && n.attrs.class === 'block-layers')[0];
    return {
      summary: textOf(details.children[0]),
      reads: all(details, (n) => n.attrs['data-testid'] === 'head-reads'),
    };
  };

  it('says it in plain words beside the help, the exact layers and counts in its title', () => {
    const tree = mapWith(0, v1);
    const help = all(tree, (n) => n.attrs.id === 'layer-map-help')[0];
    const plain = all(help.parent!, (n) => n.attrs.class === 'hint head-reads')[0];
    expect(textOf(plain)).toMatch(
      /^The head sees each image two ways: the big picture from the last block, and finer detail/,
    );
    expect(plain.attrs.title).toMatch(/conv_pw_11_relu \(block_11's output\).*: 256 \+ 128 = 384 features\.$/);
    // the slider is described by how to move it, not by what the head reads
    expect(textOf(help)).not.toMatch(/big picture|features/);
  });

  it('has the exact layers and counts under the layers of the blocks they come from', () => {
    // head only: the last block is the one shown
    const last = inspected(mapWith(0, v1));
    expect(last.summary).toBe('Layers of block_13');
    expect(last.reads.map(textOf)).toEqual([
      "The head reads conv_pw_13_relu (block_13's output) and conv_pw_11_relu (block_11's output), each averaged over the image: 256 + 128 = 384 features.",
    ]);
    const earlier = inspected(mapWith(3, v1));
    expect(earlier.summary).toBe('Layers of block_11');
    expect(earlier.reads.map(textOf)).toEqual(last.reads.map(textOf));
    // a block the head does not read says nothing of it
    expect(inspected(mapWith(2, v1)).reads).toHaveLength(0);
  });
});

describe("the bars' labels, on v2's blocks", () => {
  // backboneBlocks on the v2 α0.35 model: the stem, expanded_conv, block_1 … block_16, Conv_1
  const v2Names = ['stem', 'expanded_conv', ...Array.from({ length: 16 }, (_, i) => `block_${i + 1}`), 'Conv_1'];
  const v2 = v2Names.map((name, i) => ({ ...blocks[0], name, outputLayer: `conv_${i}` }));
  const bars = (tree: ReturnType<typeof mapWith>) =>
    all(tree, (n) => n.attrs['data-block'] !== undefined).map((g) => ({
      name: g.attrs['data-block'],
      label: textOf(all(g, (n) => n.attrs.class === 'block-index')[0]),
      title: textOf(all(g, (n) => n.tag === 'title')[0]),
    }));

  it('labels each bar from its block’s name, not its place: block_13 is 13, Conv_1 is top', () => {
    const shown = bars(mapWith(0, v2, 'mobilenet-v2-0.35'));
    expect(shown.map((b) => b.name)).toEqual(v2Names);
    expect(shown.find((b) => b.name === 'block_13')!.label).toBe('13');
    expect(shown.map((b) => b.label)).toEqual(['in', '0', ...Array.from({ length: 16 }, (_, i) => `${i + 1}`), 'top']);
    expect(shown.find((b) => b.name === 'block_13')!.title).toBe('block_13');
    expect(shown.at(-1)!.title).toMatch(/^Conv_1 \(top\): /);
    expect(shown[0].title).toMatch(/^stem \(in\): /);
  });

  it('names the plain-word blocks with their labels under the inspector and in the table', () => {
    const tree = mapWith(1, v2, 'mobilenet-v2-0.35');
    const details = all(tree, (n) => n.tag === 'details' && n.attrs.class === 'block-layers')[0];
    expect(textOf(details.children[0])).toBe('Layers of Conv_1 (top)');
    const rows = all(tree, (n) => n.tag === 'th' && n.attrs.scope === 'row').map(textOf);
    expect(rows[0]).toBe('Conv_1 (top)');
    expect(rows).toContain('block_13');
    expect(rows.at(-2)).toBe('expanded_conv (0)');
    expect(rows.at(-1)).toBe('stem (in)');
  });
});

describe("the layer map's keyboard focus ring", () => {
  const css = CSS_TEXT;
  const rule = (selector: string) => {
    const at = css.search(new RegExp(`(^|\\n|\\})\\s*${selector.replace(/\./g, '\\.')}\\s*\\{`));
    expect(at, selector).toBeGreaterThanOrEqual(0);
    const body = css.slice(css.indexOf('{', at) + 1);
    return body.slice(0, body.indexOf('}'));
  };
  const px = (decls: string, prop: string) => {
    const m = new RegExp(`(?:^|;|\\s)${prop}:\\s*([^;]+);`).exec(decls);
    expect(m, prop).not.toBeNull();
    return m![1].trim();
  };

  it('fits inside the scroll box, which clips everything past its padding', () => {
    const ring = rule('.map-slider:focus-visible');
    const reach = parseFloat(px(ring, 'outline').split(/\s+/)[0]) + parseFloat(px(ring, 'outline-offset'));
    const scroll = rule('.map-scroll');
    expect(px(scroll, 'overflow-x')).toBe('auto');
    const pad = parseFloat(px(scroll, 'padding'));
    expect(pad).toBeGreaterThanOrEqual(reach);
    // the padding sits in the panel's margin: the map keeps its width and place
    const sides = px(scroll, 'margin').split(/\s+/).at(-1)!;
    // above and below, its old margin (--space-2) less the padding
    expect(px(scroll, 'margin')).toMatch(new RegExp(`^calc\\(var\\(--space-2\\) - ${pad}px\\) `));
    expect(parseFloat(sides)).toBe(-pad);
  });
});
