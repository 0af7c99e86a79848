import { describe, expect, it, vi } from 'vitest';
import type { TrainSettings } from '../src/core/train/settings';
import type { TrainSummary } from '../src/worker/protocol';
import { all, byId, markup, parse, seed } from './a11y-html';
import { autoRun } from './fixtures/auto-recipe-run';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { useTraining } = await import('../src/state/training');
const { SettingsForm } = await import('../src/ui/SettingsForm');

/** What the automatic recipe decides (settings.ts RECIPE_CHOSEN), by the form's labels under it. */
const DECIDED = [
  'Epochs',
  'Learning rate',
  'Batch size',
  'Hidden units',
  'Dropout',
  'Weight decay',
  // its list says "off" in words: the "(0 = off)" is the manual field's help
  'Early-stopping patience',
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

const autoResult: Partial<TrainSummary> = autoRun;

describe('the settings form under the automatic head recipe', () => {
  it("shows what the recipe sets in each decided field's place, not an empty box, and keeps the label", () => {
    const form = render({ ...DEFAULT_SETTINGS });
    const shows: Record<string, string> = {
      Epochs: '25, 50 or 100',
      'Learning rate': '0.01',
      'Batch size': 'all (up to 1024)',
      'Hidden units': '0 (linear head)',
      Dropout: '0',
      'Weight decay': '0.001 to 1',
      'Early-stopping patience': 'off',
    };
    for (const label of DECIDED) {
      const input = form.control(label);
      expect(input.attrs.value, label).toBe('');
      expect(input.attrs.placeholder, label).toBe(shows[label]);
      // still typed into: that sets them by hand (the manual recipe), as before
      expect('disabled' in input.attrs, label).toBe(false);
      expect(form.description(label), label).toMatch(
        /^Chosen for each run by the automatic recipe\. Typing a value sets them by hand/,
      );
    }
    expect(form.selected('Learning-rate schedule')).toBe('constant');
    // one plain way to set them by hand instead
    const button = all(form.tree, (n) => n.tag === 'button' && n.text.trim() === 'Set by hand');
    expect(button).toHaveLength(1);
    expect(button[0].attrs.type).toBe('button');
    // what every run uses keeps its value
    expect(form.control('Validation split').attrs.value).toBe('0.2');
    expect(form.control('Seed').attrs.value).toBe('1');
    expect(form.control('Augmented views per image').attrs.value).toBe('2');
    // the box's title no longer reads as if its values were the recipe's choice
    expect(form.legend).toBe('Automatic recipe');
    expect(form.html).not.toMatch(/last run/i);
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
    expect(manual.description('Epochs')).not.toMatch(/automatic recipe/);
    expect(manual.html).not.toMatch(/Set by hand/);
    expect(manual.selected('Learning-rate schedule')).toBe('cosine');
    expect(manual.legend).toBe('Manual recipe');
  });

  it('after a run, shows what that run used, marked as its choice, while the fields stay unset', () => {
    const form = render({ ...DEFAULT_SETTINGS }, autoResult);
    const line = all(form.tree, (n) => n.attrs['data-testid'] === 'recipe-chosen')[0];
    expect(line.text).toMatch(/^What the last run trained with, chosen by the automatic recipe\./);
    expect(form.control('Epochs').attrs.value).toBe('');
    expect(form.control('Epochs').attrs.placeholder).toBe('100');
    expect(form.control('Weight decay').attrs.placeholder).toBe('0.01');
    expect(form.control('Batch size').attrs.placeholder).toBe('24 (all)');
    // a model chosen again from the history is an earlier run's
    const again = render({ ...DEFAULT_SETTINGS }, autoResult, false);
    expect(all(again.tree, (n) => n.attrs['data-testid'] === 'recipe-chosen')[0].text).toMatch(
      /^What the model shown trained with/,
    );
  });

  it('says nothing chosen under the manual recipe, nor after a run the recipe chose nothing for', () => {
    expect(render({ ...DEFAULT_SETTINGS, recipe: 'manual' }, autoResult).html).not.toMatch(/trained with/);
    const none = render({ ...DEFAULT_SETTINGS }, { ...autoResult, recipe: null });
    expect(none.html).not.toMatch(/trained with/);
    expect(none.control('Epochs').attrs.placeholder).toBe('25, 50 or 100');
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
