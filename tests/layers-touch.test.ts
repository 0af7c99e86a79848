import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BlockInfo } from '../src/core/finetune/blocks';
import type { BackboneInfo } from '../src/worker/protocol';
import { CSS_TEXT } from './shell-css';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { LayerMap } = await import('../src/ui/LayerMap');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { layoutBlocks } = await import('../src/ui/layer-geometry');

const css = CSS_TEXT;
/** the declarations of the rule whose selector is exactly `selector` */
const rule = (selector: string) => {
  const at = css.search(new RegExp(`(^|\\n|\\})\\s*${selector.replace(/\./g, '\\.')}\\s*\\{`));
  expect(at, selector).toBeGreaterThanOrEqual(0);
  const body = css.slice(css.indexOf('{', at) + 1);
  return body.slice(0, body.indexOf('}'));
};

const blocks: BlockInfo[] = Array.from({ length: 14 }, (_, i) => ({
  name: `block_${i}`,
  layers: [{ name: `conv_${i}`, className: 'Conv2D', params: 10, trainableParams: 10 }],
  outputLayer: `conv_${i}`,
  outputShape: [7, 7, 64],
  params: 10,
  trainableParams: 10,
}));

describe('the layer map on a narrow touch screen', () => {
  it('the map pans sideways under a finger; only the boundary handle takes a drag', () => {
    // touch-action none on the whole map kept a finger from scrolling it: the top blocks were out of reach
    expect(rule('.map-slider')).not.toMatch(/touch-action:\s*none/);
    expect(rule('.map-slider')).toMatch(/touch-action:\s*(manipulation|pan-x)/);
    expect(rule('.map-handle')).toMatch(/touch-action:\s*none/);
  });

  it('the handle sits on the boundary, wherever the map is scaled to', () => {
    // a server render reads the stores' initial states (zustand's server snapshot)
    Object.assign(useBackbone.getInitialState(), {
      loaded: { id: 'mobilenet-v1-0.25', blocks } as unknown as BackboneInfo,
    });
    const { settings } = useTraining.getInitialState();
    Object.assign(useTraining.getInitialState(), { settings: { ...settings, unfreeze: 3 } });
    const html = renderToStaticMarkup(createElement(LayerMap));
    const { shapes, width } = layoutBlocks(blocks);
    const x = shapes[11].x - 3;
    const handle = /<div class="map-handle"[^>]*style="left:([\d.]+)%"/.exec(html);
    expect(handle).not.toBeNull();
    expect(Number(handle![1])).toBeCloseTo((x / width) * 100, 3);
    expect(/<line x1="([\d.]+)"/.exec(html.slice(html.indexOf('class="boundary"')))![1]).toBe(String(x));
  });
});
