import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings, validateSettings } from '../src/core/train/settings';
import { byHand, recipeChoice, settingsErrors } from '../src/ui/settings-rules';
import { backboneBlockers } from '../src/ui/train-blockers';
import { chartWaiting, focusAfter, settingsLock, trainDescribedBy } from '../src/ui/train-panel-rules';

describe('the epoch charts before their first epoch', () => {
  it('wait for it while a run goes, and say none came once the run has ended', () => {
    expect(chartWaiting('epoch', true)).toBe('Waiting for the first epoch…');
    expect(chartWaiting('batch', true)).toBe('Waiting for the first batch…');
    expect(chartWaiting('epoch', false)).toBe('No epoch finished in this run.');
    expect(chartWaiting('batch', false)).not.toMatch(/Waiting/);
  });
});

describe('choosing the automatic head recipe', () => {
  const wrong = { ...DEFAULT_SETTINGS, recipe: 'manual' as const, epochs: NaN, learningRate: 0, earlyStopPatience: -1 };

  it('puts the defaults back into the fields it chooses that were wrong, so none holds Train', () => {
    const now = { ...wrong, ...recipeChoice(wrong, 'auto') };
    expect(resolveSettings(now).recipe).toBe('auto');
    expect(settingsErrors(now)).toEqual({});
    expect(validateSettings(now)).toEqual([]);
    expect(now).toMatchObject({ epochs: DEFAULT_SETTINGS.epochs, learningRate: DEFAULT_SETTINGS.learningRate });
    // back at its mode's default (10 head-only)
    expect(now.earlyStopPatience).toBeUndefined();
  });

  it('keeps the values that were fine, and every value when choosing manual', () => {
    const typed = { ...wrong, epochs: 12, hiddenUnits: 0, seed: 7 };
    expect(recipeChoice(typed, 'auto')).toEqual({ recipe: 'auto', learningRate: 0.001, earlyStopPatience: undefined });
    expect(recipeChoice(wrong, 'manual')).toEqual({ recipe: 'manual' });
  });

  it('set by hand after a run, starts from what the automatic recipe chose for it, not the manual defaults', () => {
    const auto = { ...DEFAULT_SETTINGS, recipe: 'auto' as const, augmentViews: 2 };
    const chosen = { hiddenUnits: 0, dropout: 0, weightDecay: 0.1, standardise: true, views: true, epochs: 50 };
    const now = { ...auto, ...recipeChoice(auto, 'manual', chosen) };
    expect(resolveSettings(now)).toMatchObject({
      recipe: 'manual',
      hiddenUnits: 0,
      dropout: 0,
      weightDecay: 0.1,
      epochs: 50,
      learningRate: 0.01,
      batchSize: 1024,
      lrSchedule: 'constant',
      earlyStopPatience: 0,
      featureNorm: 'standardise',
      augmentViews: 2,
    });
    expect(validateSettings(now)).toEqual([]);
    // a field typed before keeps what was typed; the views (a field of both recipes) are not touched
    const typed = recipeChoice({ ...auto, epochs: 12, learningRate: 0.002 }, 'manual', { ...chosen, views: false });
    expect(typed).toMatchObject({ hiddenUnits: 0, weightDecay: 0.1 });
    expect(typed).not.toHaveProperty('epochs');
    expect(typed).not.toHaveProperty('learningRate');
    expect(typed).not.toHaveProperty('augmentViews');
    // no run yet: the fields keep their values
    expect(recipeChoice(auto, 'manual', null)).toEqual({ recipe: 'manual' });
  });

  it('does not flip back to manual on its own afterwards', () => {
    const now = { ...wrong, ...recipeChoice(wrong, 'auto') };
    // nothing is left to fix, so no field needs typing (byHand) under the automatic recipe
    expect(Object.keys(settingsErrors(now))).toEqual([]);
    expect(byHand({ valSplit: 0.3 })).toEqual({ valSplit: 0.3 });
  });
});

describe('the focus after a run or a sweep', () => {
  const all = { train: true, stop: true, finder: true };
  it('goes to Stop when one starts, to Train when it ends', () => {
    expect(focusAfter(true, all)).toBe('stop');
    expect(focusAfter(false, all)).toBe('train');
  });
  it('goes to Find learning rate when Train is disabled, else to what holds Train', () => {
    expect(focusAfter(false, { ...all, train: false })).toBe('finder');
    expect(focusAfter(false, { ...all, train: false, finder: false })).toBe('blockers');
  });
});

describe('what holds Train, in words', () => {
  it('a backbone still loading is said as such', () => {
    expect(backboneBlockers('loading', false)).toEqual([
      'The backbone is loading: training can start once it has loaded.',
    ]);
    expect(backboneBlockers('idle', false)).toEqual(['Load a backbone first.']);
    expect(backboneBlockers('error', true)).toEqual(['Load a backbone first.']);
    expect(backboneBlockers('ready', true)).toEqual([
      'The backends are being calibrated; training can start when that ends.',
    ]);
    expect(backboneBlockers('ready', false)).toBeNull();
  });

  it('Train, disabled by the finder, points at the words that say so', () => {
    expect(trainDescribedBy({ running: false, finding: true, blocked: false })).toBe('train-finding');
    expect(trainDescribedBy({ running: false, finding: true, blocked: true })).toBe('train-finding train-blocked');
    expect(trainDescribedBy({ running: false, finding: false, blocked: true })).toBe('train-blocked');
    expect(trainDescribedBy({ running: true, finding: false, blocked: true })).toBeUndefined();
    expect(trainDescribedBy({ running: false, finding: false, blocked: false })).toBeUndefined();
  });
});

describe('the training settings while the settings are in use', () => {
  it('a sweep locks them without folding them away; a run folds them', () => {
    expect(settingsLock(false, true)).toEqual({ disabled: true, fold: false });
    expect(settingsLock(true, false)).toEqual({ disabled: true, fold: true });
    expect(settingsLock(false, false)).toEqual({ disabled: false, fold: false });
  });
});
