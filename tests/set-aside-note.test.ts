import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelSetAside } = await import('../src/state/model-set-aside');
const { TryIt } = await import('../src/ui/TryIt');
const { StepNav } = await import('../src/ui/layout/StepNav');
const { Results } = await import('../src/ui/Results');
const { backboneInfo } = await import('./store-harness');

const V1 = 'mobilenet-v1-0.25';
const V2 = 'mobilenet-v2-0.35';

/** Try it's model line, and its button that switches back (if any) */
function modelLine() {
  const line = all(parse(markup(TryIt)), (n) => n.attrs['data-testid'] === 'model-in-use')[0];
  const button = all(line, (n) => n.tag === 'button' && n.attrs.class === 'switch-back')[0];
  return { text: line.text.replace(/\s+/g, ' '), button };
}

describe('Try it with the trained model set aside by a backbone switch', () => {
  it('says which backbone it was trained on, that it is kept, and offers to switch back', () => {
    seed(useModelSetAside, { setAside: { backboneId: V1, changes: 0 } });
    seed(useBackbone, { status: 'ready', selected: V2, loaded: backboneInfo(V2) });
    const { text, button } = modelLine();
    expect(text).toContain(
      'Your model was trained on MobileNet v1 α0.25 and is kept in this browser: switch back to use it, or train on this backbone.',
    );
    expect(text).not.toContain('No model yet');
    expect(button.text).toBe('Switch back to MobileNet v1 α0.25');
    expect(button.attrs).not.toHaveProperty('disabled');
  });

  it('the button waits while a backbone loads, and cannot be used while training runs', () => {
    seed(useModelSetAside, { setAside: { backboneId: V1, changes: 0 } });
    seed(useBackbone, { status: 'loading', selected: V2, loaded: backboneInfo(V2) });
    expect(modelLine().button.attrs['aria-disabled']).toBe('true');
    seed(useBackbone, { status: 'ready' });
    seed(useTraining, { status: 'training' });
    expect(modelLine().button.attrs).toHaveProperty('disabled');
    seed(useTraining, { status: 'idle' });
  });

  it('with its own backbone loaded again (the model on its way back), or none set aside: "No model yet"', () => {
    seed(useModelSetAside, { setAside: { backboneId: V1, changes: 0 } });
    seed(useBackbone, { status: 'ready', selected: V1, loaded: backboneInfo(V1) });
    expect(modelLine().text).toContain('No model yet');
    expect(modelLine().button).toBeUndefined();
    seed(useModelSetAside, { setAside: null });
    seed(useBackbone, { selected: V2, loaded: backboneInfo(V2) });
    expect(modelLine().text).toContain('No model yet');
  });
});

describe('the other steps with the trained model set aside', () => {
  const deployStatus = () =>
    all(parse(markup(StepNav)), (n) => n.attrs['data-testid'] === 'step-status-deploy')[0].text.trim();
  const evaluateText = () => parse(markup(Results)).text.replace(/\s+/g, ' ');

  it('the step bar says the model is set aside, not that there is none, and Evaluate says where it is', () => {
    seed(useModelSetAside, { setAside: { backboneId: V1, changes: 0 } });
    seed(useBackbone, { status: 'ready', selected: V2, loaded: backboneInfo(V2) });
    expect(deployStatus()).toBe('model set aside');
    expect(evaluateText()).toContain(
      'Your model was trained on MobileNet v1 α0.25 and is kept in this browser: switch back to it in Try it to see its results, or train on this backbone.',
    );
    // its own backbone back (the model on its way): the usual words
    seed(useBackbone, { selected: V1, loaded: backboneInfo(V1) });
    expect(deployStatus()).toBe('no model yet');
    expect(evaluateText()).not.toContain('Your model was trained on');
    seed(useModelSetAside, { setAside: null });
  });
});
