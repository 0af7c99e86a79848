import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { imageSetPrint } from '../src/core/data/image-set';
import { byId, markup, seed } from './a11y-html';
import { allRight, trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useProject, projectImage } = await import('../src/state/project');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { recordRun } = await import('../src/state/run-record');
const { Results } = await import('../src/ui/Results');
const { TryIt } = await import('../src/ui/TryIt');
const { StepNav } = await import('../src/ui/layout/StepNav');

const NAMES = ['cat', 'dog', 'street'];
const file = new File([new Uint8Array(4)], 'a.png', { type: 'image/png' });
// four images a class, the fourth a validation image
const classOf = (name: string, extra = 0) => ({
  id: name,
  name,
  images: Array.from({ length: 4 + extra }, (_, i) => projectImage(`${name}${i}`, file)),
});
const trainedClasses = NAMES.map((n) => classOf(n));
const result = trainSummary({
  ...allRight(NAMES, (n) => `${n}3`),
  valAccuracy: 0.95,
  images: { train: 9, val: 3 },
  imagesPerClass: { train: [3, 3, 3], val: [1, 1, 1] },
});
const imageSet = imageSetPrint(trainedClasses.flatMap((c, label) => c.images.map((im) => ({ id: im.id, label }))));

function trained(classes: ReturnType<typeof classOf>[]) {
  seed(useProject, { classes });
  seed(useTraining, {
    status: 'done',
    settings: { ...DEFAULT_SETTINGS },
    result,
    runs: [recordRun(result, 1, [], 'mobilenet-v1-0.25', imageSet)],
    lastRunShown: true,
  });
  seed(useModelInUse, {
    model: { kind: 'trained', labels: NAMES, inputSize: 224, cropMode: 'center', name: 'trained here' },
  });
}

const stepStatus = (html: string, step: string) =>
  new RegExp(`data-testid="step-status-${step}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '';

describe('a model trained before the project changed', () => {
  it('is said in Evaluate, the step bar and Try it once a class is deleted and images added', () => {
    trained([classOf('cat', 5), classOf('dog')]);
    const results = markup(Results);
    expect(byId(results, 'results-title')?.text).toBe('Evaluate');
    expect(results).toContain('data-testid="data-changed"');
    expect(results).toContain(
      'The images changed since this run (5 added, class “street” removed): these figures are for the model trained before. <a href="#step-train">Train again</a> to update them.',
    );
    const steps = markup(StepNav);
    expect(stepStatus(steps, 'train')).toBe('train again · images changed');
    expect(stepStatus(steps, 'evaluate')).toBe('95.0% val. · images changed');
    const tryIt = markup(TryIt);
    expect(tryIt).toContain(
      'Trained before the latest changes to the images (5 added, class “street” removed). It answers “street”, a class the project no longer has.',
    );
  });

  it('is not said once the project holds what the model was trained on again', () => {
    trained(NAMES.map((n) => classOf(n)));
    expect(markup(Results)).not.toContain('data-changed');
    const steps = markup(StepNav);
    expect(stepStatus(steps, 'train')).toBe('finished');
    expect(stepStatus(steps, 'evaluate')).toBe('95.0% validation');
    expect(markup(TryIt)).not.toContain('model-since');
  });

  it('is not said of an imported model, whose classes are its own', () => {
    trained([classOf('cat'), classOf('dog')]);
    seed(useModelInUse, {
      model: { kind: 'imported', labels: ['x', 'y'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
    });
    expect(markup(TryIt)).not.toContain('model-since');
  });
});
