import { describe, expect, it, vi } from 'vitest';
import type { TrainSettings } from '../src/core/train/settings';
import type { TrainSummary } from '../src/worker/protocol';
import { all, byId, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { useTraining } = await import('../src/state/training');
const { SettingsForm } = await import('../src/ui/SettingsForm');

/** What the automatic recipe decides (settings.ts RECIPE_CHOSEN), by the form's labels. */
const DECIDED = [
  'Epochs',
  'Learning rate',
  'Batch size',
  'Hidden units',
  'Dropout',
  'Weight decay',
  'Early-stopping patience (0 = off)',
];

function render(settings: TrainSettings, result: Partial<TrainSummary> | null = null, lastRunShown = true) {
  seed(useTraining, { settings, result: result as TrainSummary | null, lastRunShown });
  const html = markup(SettingsForm, { disabled: false, fold: false });
  const tree = parse(html);
  const control = (label: string) => {
    const l = all(tree, (n) => n.tag === 'label' && n.text.trim() === label)[0];
    expect(l, label).toBeDefined();
    return byId(html, l.attrs.for)!;
  };
  const description = (label: string) =>
    (control(label).attrs['aria-describedby'] ?? '')
      .split(' ')
      .map((id) => byId(html, id)?.text ?? '')
      .join(' ');
  const selected = (label: string) =>
    all(control(label), (n) => n.tag === 'option' && 'selected' in n.attrs)[0]?.text ??
    all(control(label), (n) => n.tag === 'option')[0]?.text;
  const legend = all(tree, (n) => n.tag === 'legend')[0].text;
  return { html, tree, control, description, selected, legend };
}

const autoResult: Partial<TrainSummary> = {
  recipe: {
    chosen: { hiddenUnits: 0, dropout: 0, weightDecay: 0.01, standardise: true, views: true, epochs: 100 },
    table: [],
    folds: 3,
    seconds: 2,
  },
  trainedWith: {
    ...DEFAULT_SETTINGS,
    hiddenUnits: 0,
    dropout: 0,
    weightDecay: 0.01,
    epochs: 100,
    learningRate: 0.01,
    batchSize: 1024,
    lrSchedule: 'constant',
    earlyStopPatience: 0,
  },
  images: { train: 24, val: 6 },
};

describe('the settings form under the automatic head recipe', () => {
  it('shows no value in a field the recipe decides, says it is not used, and keeps the label', () => {
    const form = render({ ...DEFAULT_SETTINGS });
    for (const label of DECIDED) {
      const input = form.control(label);
      expect(input.attrs.value, label).toBe('');
      expect(input.attrs.placeholder, label).toBe('auto');
      // still typed into: that sets them by hand (the manual recipe), as before
      expect('disabled' in input.attrs, label).toBe(false);
      expect(form.description(label), label).toMatch(/Not used: chosen per run by the automatic recipe/);
    }
    expect(form.selected('Learning-rate schedule')).toBe('auto');
    // what every run uses keeps its value
    expect(form.control('Validation split').attrs.value).toBe('0.2');
    expect(form.control('Seed').attrs.value).toBe('1');
    expect(form.control('Augmented views per image').attrs.value).toBe('2');
    // the box's title no longer reads as if its values were the recipe's choice
    expect(form.legend).toBe('Automatic recipe');
    expect(form.html).not.toMatch(/Last run/);
  });

  it('gives back the values set by hand once the manual recipe is chosen (nothing lost)', () => {
    const typed = { ...DEFAULT_SETTINGS, epochs: 17, learningRate: 0.003, earlyStopPatience: 4 };
    expect(render({ ...typed, recipe: 'auto' }).control('Epochs').attrs.value).toBe('');
    const manual = render({ ...typed, recipe: 'manual', lrSchedule: 'cosine' });
    expect(manual.control('Epochs').attrs.value).toBe('17');
    expect(manual.control('Learning rate').attrs.value).toBe('0.003');
    expect(manual.control('Hidden units').attrs.value).toBe('512');
    expect(manual.control('Early-stopping patience (0 = off)').attrs.value).toBe('4');
    expect(manual.control('Epochs').attrs.placeholder).toBeUndefined();
    expect(manual.description('Epochs')).not.toMatch(/Not used/);
    expect(manual.selected('Learning-rate schedule')).toBe('cosine');
    expect(manual.legend).toBe('Manual recipe');
  });

  it('after a run, says what that run used, marked as chosen, while the fields stay unset', () => {
    const form = render({ ...DEFAULT_SETTINGS }, autoResult);
    const line = all(form.tree, (n) => n.attrs['data-testid'] === 'recipe-chosen')[0];
    expect(line.text.replace(/\s+/g, ' ').trim()).toBe(
      'Last run chose: linear head (no hidden units, no dropout), learning rate 0.01 (constant), weight decay 0.01, batch size 24 (every training image), 100 epochs, early stopping off',
    );
    expect(form.control('Epochs').attrs.value).toBe('');
    // a model chosen again from the history is an earlier run's
    const again = render({ ...DEFAULT_SETTINGS }, autoResult, false);
    expect(all(again.tree, (n) => n.attrs['data-testid'] === 'recipe-chosen')[0].text).toMatch(
      /^The model shown chose: linear head/,
    );
  });

  it('says nothing chosen under the manual recipe, nor after a run the recipe chose nothing for', () => {
    expect(render({ ...DEFAULT_SETTINGS, recipe: 'manual' }, autoResult).html).not.toMatch(/chose:/);
    expect(render({ ...DEFAULT_SETTINGS }, { ...autoResult, recipe: null }).html).not.toMatch(/chose:/);
  });

  it('shows a wrong value even so, so it can be put right', () => {
    const form = render({ ...DEFAULT_SETTINGS, epochs: 0 });
    expect(form.control('Epochs').attrs.value).toBe('0');
    expect(form.description('Epochs')).toMatch(/Epochs must be at least 1/);
  });

  it("while blocks train, the fields are the run's own: set, whatever the head recipe", () => {
    const form = render({ ...DEFAULT_SETTINGS, unfreeze: 2, recipe: 'auto' });
    expect(form.control('Epochs').attrs.value).toBe('60');
    expect(form.legend).toBe('Training');
  });
});
