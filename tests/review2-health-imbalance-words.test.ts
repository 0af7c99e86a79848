import { beforeEach, describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';
import { datasetHealth, findingWords, type HealthIssue } from '../src/core/data/health';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { useTraining } = await import('../src/state/training');
const { HealthPanel } = await import('../src/ui/HealthPanel');

const images = [
  ...Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, label: 0, name: `c${i}.jpg` })),
  ...Array.from({ length: 3 }, (_, i) => ({ id: `d${i}`, label: 1, name: `d${i}.jpg` })),
];
const imbalance = (): HealthIssue =>
  datasetHealth({
    classes: ['cat', 'dog'],
    images,
    hashes: new Map(),
    features: new Map(),
    unreadable: [],
    validation: new Set(),
    minPerClass: 1,
  }).find((i) => i.kind === 'imbalance')!;

const FINDING = 'Classes are imbalanced: "cat" has 30 images, "dog" 3 (10.0×).';
const ON = 'Class weights (on in Training settings) compensate in part; adding images to "dog" helps more.';
const OFF =
  'Class weights are off: turning on "Balance classes (class weights)" in Training settings compensates in part; adding images to "dog" helps more.';

describe('the imbalance finding', () => {
  it('is found without the class-weights setting: the check says nothing of it', () => {
    expect(imbalance().message).toBe(FINDING);
  });

  it('is worded by the class-weights setting it is shown with', () => {
    expect(findingWords(imbalance(), true)).toBe(`${FINDING} ${ON}`);
    expect(findingWords(imbalance(), false)).toBe(`${FINDING} ${OFF}`);
  });

  it('other findings are shown as found', () => {
    const few: HealthIssue = { kind: 'few-images', message: 'Class "dog" has only 3 readable images.', ids: [] };
    expect(findingWords(few, false)).toBe(few.message);
  });
});

describe('the health panel', () => {
  beforeEach(() => {
    seed(useProject, { classes: [{ id: 'c1', name: 'cat', images: [] }], locked: null });
    seed(useInsight, {
      health: {
        ...useInsight.getState().health,
        status: 'done',
        report: { issues: [imbalance()], checked: 33, extracted: 33 },
        stale: false,
      },
    });
  });
  const shown = (classWeights: boolean) => {
    seed(useTraining, { settings: { ...DEFAULT_SETTINGS, classWeights } });
    const [item] = all(parse(markup(HealthPanel, { disabled: false })), (n) => n.attrs['data-kind'] === 'imbalance');
    return item.text.trim();
  };

  it('says what class weights do as they are set now, not as they were when the check ran', () => {
    expect(shown(true)).toBe(`${FINDING} ${ON}`);
    expect(shown(false)).toBe(`${FINDING} ${OFF}`);
  });
});
