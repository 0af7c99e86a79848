import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the stores' state as set here, not their initial state (what a server render reads)
vi.mock('zustand', async (original) => (await import('./hookless-zustand')).hooklessZustand(await original<object>()));
const { CustomBackbone } = await import('../src/ui/CustomBackbone');
const { useCustomBackbone } = await import('../src/state/custom-backbone');
const { useBackbone } = await import('../src/state/backbone');
const { useInsight } = await import('../src/state/dataset-insight');

const initial = { insight: useInsight.getState(), backbone: useBackbone.getState() };
const inspection = {
  modelName: 'mine',
  inputSize: 48,
  params: 100,
  layers: [{ name: 'stem', shape: [48, 48, 4], stageEnd: true }],
  recommended: 'stem',
};
/** the "Use this backbone" button's opening tag */
const useButton = () => renderToStaticMarkup(createElement(CustomBackbone)).match(/<button[^>]*custom-use[^>]*>/)![0];

beforeEach(() => {
  useInsight.setState(initial.insight, true);
  useBackbone.setState(initial.backbone, true);
  useCustomBackbone.setState({ inspection: inspection as never, error: null });
});

describe('"Use this backbone" while a job holds the backbone', () => {
  it('is usable when nothing does', () => {
    expect(useButton()).not.toContain('disabled');
  });

  it('is locked while the health check runs, with the reason the picker gives', () => {
    useInsight.setState((s) => ({ health: { ...s.health, status: 'running' } }));
    expect(useButton()).toContain('disabled');
    expect(useButton()).toContain('aria-describedby="backbone-locked"');
    expect(renderToStaticMarkup(createElement(CustomBackbone))).toContain(
      'The backbone cannot change while the health check runs on the backbone',
    );
  });

  it('is locked while the backends are calibrated', () => {
    useBackbone.setState({ calibrating: { done: 0, total: 1, detail: 'starting' } });
    expect(useButton()).toContain('disabled');
    expect(useButton()).toContain('aria-describedby="backbone-waiting"');
  });
});
