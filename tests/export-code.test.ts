import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { all, markup, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { ExportCode } = await import('../src/ui/ExportCode');

unseedAfterEach(useBackbone, useTraining);

const page = (id: string | null, cropMode: 'center' | 'pad' = 'center') => {
  seed(useBackbone, { loaded: id ? ({ id } as never) : null });
  seed(useTraining, { settings: { ...DEFAULT_SETTINGS, cropMode }, result: null });
  return parse(markup(ExportCode));
};
const code = (html: ReturnType<typeof parse>) => all(html, (n) => n.tag === 'code' && n.parent?.tag === 'pre')[0]?.text;

describe('Export: "Use it in your code"', () => {
  it("shows the zip's TF.js lines for the backbone and crop, a named scroll region with Copy beside it", () => {
    const html = page('mobilenet-v1-0.25');
    expect(all(html, (n) => n.tag === 'summary')[0].text).toBe('Use it in your code');
    const pre = all(html, (n) => n.tag === 'pre')[0];
    expect(pre.attrs.role).toBe('region');
    expect(pre.attrs['aria-label']).toBe('TF.js code for the downloaded model');
    expect(pre.attrs.tabindex).toBe('0');
    const lines = code(html).split('\n');
    expect(lines[0]).toBe("const model = await tf.loadLayersModel('model.json');");
    expect(lines.at(-1)).toBe('console.log(labels[top], probabilities[top]);');
    expect(code(html)).toContain('Math.min(w, h)');
    // padded: the crop line is the padding one
    expect(code(page('mobilenet-v1-0.25', 'pad'))).toContain('Math.max(w, h)');
    expect(all(html, (n) => n.tag === 'button').map((b) => b.text)).toEqual(['Copy code']);
  });

  it('for the graph backbone, the head beside @tensorflow-models/mobilenet, and no Python (it has no ONNX or TFLite)', () => {
    const html = page('mobilenet-v1-0.25-graph');
    expect(code(html)).toContain("tf.loadLayersModel('head/model.json')");
    expect(html.text).toContain('@tensorflow-models/mobilenet');
    expect(all(html, (n) => n.tag === 'input' && n.attrs.type === 'radio')).toHaveLength(0);
  });

  it('offers Python for model.onnx and model.tflite beside TF.js, one choice at a time (TF.js first)', () => {
    const radios = all(page('mobilenet-v1-0.25'), (n) => n.tag === 'input' && n.attrs.type === 'radio');
    expect(radios.map((r) => [r.parent?.text.trim(), r.attrs.checked !== undefined])).toEqual([
      ['JavaScript (TF.js)', true],
      ['Python (ONNX)', false],
      ['Python (TFLite)', false],
    ]);
    expect(new Set(radios.map((r) => r.attrs.name)).size).toBe(1);
  });

  it('nothing before a backbone is known', () => {
    expect(all(page(null), (n) => n.tag === 'details')).toHaveLength(0);
  });
});
