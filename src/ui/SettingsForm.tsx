import { CROP_MODES, type CropMode } from '../core/data/crop';
import { augmentViewsFor, fineTuneOptions, LR_SCHEDULES, type LrSchedule, type TrainSettings } from '../core/train/settings';
import { useProject } from '../state/project';
import { useTraining } from '../state/training';
import { fmt } from './format';

type NumericKey = 'epochs' | 'batchSize' | 'learningRate' | 'hiddenUnits' | 'dropout' | 'weightDecay' | 'valSplit' | 'seed';

const FIELDS: { key: NumericKey; label: string; step: string; min: number; max?: number }[] = [
  { key: 'epochs', label: 'Epochs', step: '1', min: 1, max: 1000 },
  { key: 'learningRate', label: 'Learning rate', step: '0.0001', min: 0 },
  { key: 'batchSize', label: 'Batch size', step: '1', min: 1, max: 1024 },
  { key: 'hiddenUnits', label: 'Hidden units', step: '1', min: 0, max: 4096 },
  { key: 'dropout', label: 'Dropout', step: '0.05', min: 0, max: 0.95 },
  { key: 'weightDecay', label: 'Weight decay', step: '0.0001', min: 0, max: 1 },
  { key: 'valSplit', label: 'Validation split', step: '0.05', min: 0.05, max: 0.9 },
  { key: 'seed', label: 'Seed', step: '1', min: 0 },
];

export function SettingsForm({ disabled }: { disabled: boolean }) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const set = (patch: Partial<TrainSettings>) => updateSettings(patch);
  return (
    <details className="settings">
      <summary>Training settings</summary>
      <div className="settings-grid">
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              step={f.step}
              min={f.min}
              max={f.max}
              disabled={disabled}
              value={Number.isNaN(settings[f.key]) ? '' : settings[f.key]}
              onChange={(e) => set({ [f.key]: e.target.valueAsNumber } as Partial<TrainSettings>)}
            />
          </label>
        ))}
        <label>
          Crop
          <select disabled={disabled} value={settings.cropMode} onChange={(e) => set({ cropMode: e.target.value as CropMode })}>
            {CROP_MODES.map((m) => (
              <option key={m} value={m}>
                {m === 'center' ? 'centre crop' : m === 'squash' ? 'squash' : 'pad'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Learning-rate schedule
          <select
            disabled={disabled}
            value={settings.lrSchedule ?? (settings.unfreeze > 0 ? 'cosine' : 'constant')}
            onChange={(e) => set({ lrSchedule: e.target.value as LrSchedule })}
          >
            {LR_SCHEDULES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Early-stopping patience (0 = off)
          <input
            type="number"
            min={0}
            max={1000}
            step={1}
            disabled={disabled}
            value={Number.isNaN(settings.earlyStopPatience) ? '' : (settings.earlyStopPatience ?? 0)}
            onChange={(e) => set({ earlyStopPatience: e.target.valueAsNumber })}
          />
        </label>
        <AugmentField disabled={disabled} />
        <label className="checkbox">
          <input type="checkbox" disabled={disabled} checked={settings.classWeights} onChange={(e) => set({ classWeights: e.target.checked })} />
          Balance classes (class weights)
        </label>
      </div>
      {settings.unfreeze > 0 && <FineTuneFields disabled={disabled} />}
    </details>
  );
}

/**
 * Cached augmented views (mirror, 90% crop, then random resized crops with colour jitter). Their
 * cost is paid once, in backbone passes, so that is what the hint counts.
 */
function AugmentField({ disabled }: { disabled: boolean }) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const images = useProject((s) => s.classes.reduce((n, c) => n + c.images.length, 0));
  const views = augmentViewsFor(settings);
  const passes = Math.round(images * (1 - settings.valSplit)) * (Number.isFinite(views) ? views : 0);
  const what = settings.unfreeze > 0 ? 'frozen-layer passes' : 'backbone passes';
  return (
    <label>
      Augmented views per image
      <input
        type="number"
        min={0}
        max={16}
        step={1}
        disabled={disabled}
        aria-describedby="augment-cost"
        value={Number.isNaN(views) ? '' : views}
        onChange={(e) => updateSettings({ augmentViews: e.target.valueAsNumber })}
      />
      <span className="hint" id="augment-cost">
        {views > 0 ? `+${fmt(passes)} ${what} once, then cached; each epoch sees one random view per image` : 'off: training sees each image as it is'}
      </span>
    </label>
  );
}

/** Knobs that only matter when backbone blocks train (set in the layer map). */
function FineTuneFields({ disabled }: { disabled: boolean }) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const ft = fineTuneOptions(settings);
  const num = (key: 'backboneLrScale' | 'warmupEpochs', value: number) => updateSettings({ [key]: value });
  return (
    <fieldset className="settings-grid">
      <legend>Fine-tuning ({settings.unfreeze} backbone block{settings.unfreeze > 1 ? 's' : ''})</legend>
      <label>
        Backbone learning rate (× head's)
        <input type="number" min={0} max={10} step={0.05} disabled={disabled} value={ft.backboneLrScale} onChange={(e) => num('backboneLrScale', e.target.valueAsNumber)} />
      </label>
      <label>
        Head-only warm-up epochs
        <input type="number" min={0} max={100} step={1} disabled={disabled} value={ft.warmupEpochs} onChange={(e) => num('warmupEpochs', e.target.valueAsNumber)} />
      </label>
    </fieldset>
  );
}
