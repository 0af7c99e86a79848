import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { backboneStepStatus } = await import('../src/ui/layout/StepNav');

const status = (id: string) => backboneStepStatus({ status: 'ready', loaded: { id } });

describe("the Model step's backbone name", () => {
  it('tells the graph backbone from the layers one, as their cards do', () => {
    expect(status('mobilenet-v1-0.25')).toBe('MobileNet v1 α0.25');
    // the card's short title: the developers' remark after the comma left out
    expect(status('mobilenet-v1-0.25-graph')).toBe('MobileNet v1 α0.25 (graph model)');
    expect(status('mobilenet-v1-0.25-graph')).not.toBe(status('mobilenet-v1-0.25'));
  });

  it('says loading, none, or a removed backbone', () => {
    expect(backboneStepStatus({ status: 'loading', loaded: null })).toBe('loading…');
    expect(backboneStepStatus({ status: 'idle', loaded: null })).toBe('none');
    expect(status('no-such-backbone')).toBe('a removed backbone');
  });
});
