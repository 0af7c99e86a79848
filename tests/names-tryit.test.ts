import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the keys the bars are given (a server render does not check them): each list item's, as made
const keys: unknown[] = [];
for (const runtime of ['react/jsx-dev-runtime', 'react/jsx-runtime'])
  vi.doMock(runtime, async () => {
    const real = await vi.importActual<Record<string, (...a: unknown[]) => unknown>>(runtime);
    const keep =
      (make: (...a: unknown[]) => unknown) =>
      (type: unknown, props: unknown, key: unknown, ...rest: unknown[]) => {
        if (type === 'li') keys.push(key);
        return make(type, props, key, ...rest);
      };
    return {
      ...real,
      ...(real.jsx && { jsx: keep(real.jsx), jsxs: keep(real.jsxs) }),
      ...(real.jsxDEV && { jsxDEV: keep(real.jsxDEV) }),
    };
  });

const { useModelInUse } = await import('../src/state/model-in-use');
const { useWebcam } = await import('../src/state/webcam');
const { TryIt } = await import('../src/ui/TryIt');

const saved = { model: useModelInUse.getInitialState(), webcam: useWebcam.getInitialState() };
const kept = { model: { ...saved.model }, webcam: { ...saved.webcam } };

/**
 * Try it with a model's answer. A server render reads each store's initial state
 * (useSyncExternalStore's server snapshot), so the answer is put there for the render.
 */
function render(classes: string[], probabilities: number[]): string {
  Object.assign(saved.model, {
    model: { kind: 'imported', labels: classes, inputSize: 224, cropMode: 'center', name: 'm.zip' },
    prediction: { name: 'x.jpg', url: '', file: new File([Uint8Array.of(1)], 'x.jpg'), classes, probabilities },
  });
  Object.assign(saved.webcam, { threshold: 0.5 });
  return renderToStaticMarkup(createElement(TryIt));
}

afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(saved.model, kept.model);
  Object.assign(saved.webcam, kept.webcam);
});

describe("Try it's answer", () => {
  it('a class claimed above the threshold is said whatever its name, an empty one too', () => {
    const html = render(['', 'dog'], [0.9, 0.1]);
    expect(html).toContain('Prediction: <strong></strong> (90.0%)');
    expect(html).not.toContain('<strong class="unknown">');
    expect(html).toContain('x.jpg: , 90.0%');
  });

  it('gives each bar a key of its own, two classes of one name too (the bars were keyed by name)', () => {
    keys.length = 0;
    const html = render(['cat', 'cat', 'dog'], [0.6, 0.3, 0.1]);
    expect(html.match(/<meter /g)).toHaveLength(3);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
  });
});
