import { useId, type ReactNode } from 'react';
import type { TrainSettings } from '../core/train/settings';
import { RULES, type FieldKey } from './settings-rules';

export type NumericKey = FieldKey & keyof TrainSettings;

/**
 * What a field the automatic recipe decides shows while that recipe is chosen: no value of its
 * own, since the run never reads it, but what the recipe sets it to (`shows`), in the value's place;
 * `note` is the id of the words saying so.
 */
export type Unset = { note: string; shows: string } | undefined;

/** A labelled number input whose error shows under it as soon as the value is wrong. */
export function NumberField(props: {
  label: string;
  value: number;
  step: string;
  rule: FieldKey;
  error?: string;
  disabled: boolean;
  hint?: ReactNode;
  unset?: Unset;
  onValue(v: number): void;
}) {
  const id = useId();
  const r = RULES[props.rule];
  // a wrong value still shows, with its error, so it can be put right
  const unset = props.error ? undefined : props.unset;
  const described =
    [props.error && `${id}-error`, unset?.note, props.hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={unset ? 'field decided' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        step={props.step}
        min={r.min}
        max={r.max}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        placeholder={unset?.shows}
        title={unset?.shows}
        value={unset || Number.isNaN(props.value) ? '' : props.value}
        onChange={(e) => props.onValue(e.target.valueAsNumber)}
      />
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
    </div>
  );
}

export function NumberFields(props: {
  fields: { key: NumericKey; step: string }[];
  settings: TrainSettings;
  errors: Partial<Record<FieldKey, string>>;
  disabled: boolean;
  unset?: (key: NumericKey) => Unset;
  hints?: Partial<Record<NumericKey, ReactNode>>;
  set(patch: Partial<TrainSettings>): void;
}) {
  return props.fields.map((f) => (
    <NumberField
      key={f.key}
      label={RULES[f.key].label}
      rule={f.key}
      step={f.step}
      disabled={props.disabled}
      unset={props.unset?.(f.key)}
      error={props.errors[f.key]}
      hint={props.hints?.[f.key]}
      value={props.settings[f.key] as number}
      onValue={(v) => props.set({ [f.key]: v } as Partial<TrainSettings>)}
    />
  ));
}

/** A labelled select of one setting's choices. */
export function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  choices: readonly T[];
  text?: (choice: T) => string;
  disabled: boolean;
  unset?: Unset;
  onChoice(choice: T): void;
}) {
  const id = useId();
  return (
    <div className={props.unset ? 'field decided' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        disabled={props.disabled}
        value={props.unset ? '' : props.value}
        aria-describedby={props.unset?.note}
        onChange={(e) => props.onChoice(e.target.value as T)}
      >
        {props.unset && (
          <option value="" disabled>
            {props.unset.shows}
          </option>
        )}
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.text ? props.text(c) : c}
          </option>
        ))}
      </select>
    </div>
  );
}
