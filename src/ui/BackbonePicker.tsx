import { useShallow } from 'zustand/react/shallow';
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { FilePicker } from './FilePicker';
import { allBackbones, findBackboneSpec } from '../core/backbones/registry';
import type { BackboneInfo } from '../worker/protocol';
import { CustomBackbone } from './CustomBackbone';
import { forgetBackbone, useCustomBackbone } from '../state/custom-backbone';
import { MODELS_BASE, useBackbone } from '../state/backbone';
import { LayerMap } from './LayerMap';
import { ResolutionAdviceNote } from './ResolutionAdvice';
import { useBackboneJob } from './useBackboneJob';
import { useRunning } from './useRunLock';
import { handingFocusOn } from './focus-after-removal';
import { unkept, useUnkeptModelGuard } from './useUnkeptModelGuard';
import { useTraining } from '../state/training';
import { markedChoice, markKey, markWords, onChoice, type Mark, type Via } from './backbone-mark';
import { cardName } from './backbone-card-name';

const SOURCE_LABEL = {
  cache: 'offline cache',
  local: 'local copy',
  hosted: 'hosted URL',
  files: 'files you picked',
  imported: 'imported model',
} as const;

type Spec = ReturnType<typeof allBackbones>[number];

/** where a backbone loads from, whole URLs */
function sourceOf(b: Spec): string {
  if (!b.hostedUrl) return 'a backbone you brought: loads from this browser’s offline cache';
  return `loads from ${MODELS_BASE ? `${MODELS_BASE}${b.localPath}, then ` : ''}${b.hostedUrl}`;
}

/** a URL's host, or "this site" for the page's own */
function hostOf(url: string): string {
  try {
    const { host } = new URL(url, location.href);
    return host === location.host ? 'this site' : host;
  } catch {
    return url;
  }
}

/**
 * a choice's description: what it is good for, as its card shows it (where it loads from and its
 * trade-offs are under "About these backbones"); a brought one has no tagline, so where it comes from
 */
const describedAs = (b: Spec) => (b.tagline ? `${b.tagline}.` : sourceOf(b));

/** where it loads from, in hosts (the whole URLs took four lines of a card on a phone) */
const sourceShown = (b: Spec) =>
  b.hostedUrl ? `loads from ${[localSource(b), hostOf(b.hostedUrl)].filter(Boolean).join(', then ')}` : sourceOf(b);

/** its card's title: what tells it from its neighbours shows, a developer's remark only names its radio */
function CardName({ b }: { b: Spec }) {
  const { shown, hidden, after } = cardName(b);
  if (!hidden) return <>{b.name}</>;
  // the whole name in one hidden run: a hidden remark between visible runs was read with spaces
  // around it ("(yours , features from conv_pw_11_relu )"), and the radio was found by neither name
  return (
    <>
      <span aria-hidden="true">{`${shown}${after}`}</span>
      <span className="visually-hidden">{b.name}</span>
    </>
  );
}

/** the facts a card leaves out of sight (they stay in its radio's name): input, features, fine-tuning */
const factsAfterSize = (b: Spec) =>
  ` · input ${b.inputSize}×${b.inputSize} · ${b.featureSize} features · ${b.trainable ? 'fine-tunable' : 'feature extraction only'}`;

/**
 * One fold under the cards for what a maker need not read to choose: each backbone's input,
 * features and source, and a note shared by several (the 320-px trade) said once, not on each card.
 */
function AboutBackbones({ list }: { list: Spec[] }) {
  const shared = (note: string) => list.filter((b) => b.note === note).length > 1;
  const sharedNotes = [...new Set(list.flatMap((b) => (b.note && shared(b.note) ? [b.note] : [])))];
  return (
    <details className="backbones-about">
      <summary>About these backbones</summary>
      <ul>
        {list.map((b) => (
          <li key={b.id}>
            <strong>{b.name}</strong>: {(b.sizeBytes / 1e6).toFixed(1)} MB · input {b.inputSize}×{b.inputSize} pixels ·{' '}
            {b.featureSize} features · {b.trainable ? 'can be fine-tuned' : 'cannot be fine-tuned'} ·{' '}
            {/* the whole URLs are the tooltip */}
            <span className="backbone-source" title={sourceOf(b)}>
              {sourceShown(b)}
            </span>
            {b.note && !shared(b.note) && <>. {b.note}</>}
          </li>
        ))}
      </ul>
      {sharedNotes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </details>
  );
}

const localSource = (b: Spec) => (MODELS_BASE ? hostOf(`${MODELS_BASE}${b.localPath}`) : '');

const nameOf = (id: string) => findBackboneSpec(id)?.name ?? 'the backbone';

/**
 * What the picker's one status region says: the region stays on the page and only its words change
 * (one mounted with its words already in it is a new live region, which screen readers often pass
 * over). Failures are said by their own alert, not here.
 */
export function backboneStatusText(
  status: string,
  selected: string,
  loaded: Pick<BackboneInfo, 'id' | 'source' | 'paramCount'> | null,
): string {
  if (status === 'loading') return `Loading ${nameOf(selected)}…`;
  if (status !== 'ready' || !loaded) return '';
  return `Loaded ${nameOf(loaded.id)} from the ${SOURCE_LABEL[loaded.source]} (${loaded.paramCount.toLocaleString()} parameters).`;
}

export function BackbonePicker() {
  const notListed = useCustomBackbone((s) => s.notListed);
  // what the picker shows, not the whole store (the backend, calibration and more change beside it)
  const { selected, status, progress, detail, loaded, held, error, calibrating, select, loadFromFiles } = useBackbone(
    useShallow((s) => ({
      calibrating: s.calibrating !== null,
      selected: s.selected,
      status: s.status,
      progress: s.progress,
      detail: s.detail,
      loaded: s.loaded,
      held: s.held,
      error: s.error,
      select: s.select,
      loadFromFiles: s.loadFromFiles,
    })),
  );
  const sourceId = useId();
  // the learning-rate finder holds the backbone as a run does: switched under it, it was disposed mid-sweep
  // so do the health check and the feature map: a backbone picked then waited, loading at 0%, for them to end
  const training = useRunning();
  const job = useBackboneJob('The backbone');
  const running = training || job !== null;
  // a calibration moves the loaded backbone onto the fastest backend: a backbone picked meanwhile
  // was shown loaded with the one before it. The options keep the focus of a keyboard user
  // (aria-disabled: picks are ignored) where `disabled` dropped it to the page.
  const waiting = calibrating && !running;
  const describedBy = running ? 'backbone-locked' : waiting ? 'backbone-waiting' : undefined;
  const said = backboneStatusText(status, selected, loaded);
  const { guard, dialog } = useUnkeptModelGuard();
  // after a failed pick none is shown loaded, but the worker still holds the model's backbone
  const inWorker = loaded ?? held;
  const pick = (id: string) =>
    inWorker && inWorker.id !== id
      ? guard({
          title: `Pick ${nameOf(id)}?`,
          confirm: `Pick ${nameOf(id)} anyway`,
          does: `Picking it replaces ${nameOf(inWorker.id)}, the backbone the model was trained on`,
          go: () => void select(id),
        })
      : void select(id);
  // the arrow keys only mark an option; Enter, Space or its Use button loads it (backbone-mark.ts)
  const [mark, setMark] = useState<Mark | null>(null);
  const marked = markedChoice(mark, selected, running || waiting);
  // gone for good once it no longer shows: one made over a backbone chosen again later came back
  if (mark && !marked) setMark(null);
  const shown = marked ?? selected;
  // what the next change of radio comes from: a key's change happens in its keydown, a click's after its pointerdown
  const via = useRef<Via>('other');
  const hintId = `${sourceId}-marked`;
  const modelAside = useTraining((s) => s.result !== null && !unkept(s));
  const inUse = status === 'ready' ? loaded?.id : undefined;
  const choose = (id: string) => {
    const how = via.current;
    via.current = 'other';
    const does = onChoice(id, selected, how);
    setMark(does === 'mark' ? { id, over: selected } : null);
    if (does === 'load') pick(id);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    via.current = 'keys';
    // the arrow's change is made in this keydown's default action: any later change is not the keys'
    setTimeout(() => {
      if (via.current === 'keys') via.current = 'other';
    });
    if (e.currentTarget.value !== marked) return;
    const does = markKey(e.key);
    if (!does) return;
    e.preventDefault();
    // the mark goes once the pick is made (a dialog first asks about a model storage did not keep)
    if (does === 'load') return pick(marked);
    setMark(null);
    // the focus goes back to the option in use, as the mark does
    e.currentTarget
      .closest('fieldset')
      ?.querySelector<HTMLInputElement>(`input[name="backbone"][value="${selected}"]`)
      ?.focus();
  };
  useEffect(() => {
    if (useBackbone.getState().status === 'idle') void select(selected);
  }, [select, selected]);

  return (
    <section className="panel" aria-labelledby="backbone-title">
      <h2 id="backbone-title">Backbone</h2>
      <fieldset
        className="backbones"
        // not while a backbone loads: a choice made then is loaded after it (state/backbone.ts)
        disabled={running}
        aria-describedby={describedBy}
        // a mark left behind goes: the Train step and "Load backbone from files" mean the option in use
        // (not for the dialog its load may ask first, nor for another window)
        onBlur={(e) => {
          const to = e.relatedTarget;
          if (to && !e.currentTarget.contains(to) && !to.closest('dialog')) setMark(null);
        }}
      >
        <legend>Pre-trained backbone</legend>
        {running && (
          <p id="backbone-locked" className="hint">
            {training
              ? 'The backbone cannot change while training runs (the model being trained is built on this one): Stop training to pick another.'
              : job}
          </p>
        )}
        {waiting && (
          <p id="backbone-waiting" className="hint">
            The backbone cannot change while the backends are being calibrated (the loaded one moves to the fastest):
            pick another once the calibration has finished.
          </p>
        )}
        {allBackbones().map((b) => (
          <Fragment key={b.id}>
            <label
              className={`backbone${b.id === shown ? ' chosen' : ''}`}
              onPointerDown={() => (via.current = 'pointer')}
            >
              <input
                type="radio"
                name="backbone"
                value={b.id}
                checked={b.id === shown}
                aria-disabled={waiting || undefined}
                onChange={() => !waiting && choose(b.id)}
                onKeyDown={onKey}
                // the reason it waits is on each choice: moving between radios, the fieldset's is rarely read;
                // a marked one says first how to load it
                aria-describedby={
                  waiting
                    ? `${sourceId}-${b.id} backbone-waiting`
                    : b.id === marked
                      ? `${hintId} ${sourceId}-${b.id}`
                      : `${sourceId}-${b.id}`
                }
              />
              <span className="backbone-name">
                <CardName b={b} />
                {/* the highlight has gone to the marked option: which one is loaded stays in sight (the
                    marked option's words say it to a screen reader, and the name stays the name) */}
                {marked && b.id === inUse && (
                  <span className="backbone-in-use" aria-hidden="true">
                    {' '}
                    · in use
                  </span>
                )}
              </span>
              {/* what it is good for, in plain words: said as the choice's description (below), so
                  the name a screen reader or a test selects it by stays the name and its facts */}
              {b.tagline && (
                <span className="backbone-tagline" aria-hidden="true">
                  {b.tagline}
                </span>
              )}
              {/* a card is its name, what it is for and its size (cards of five lines, the 320-px
                  note twice, were read as a wall of text); the other facts stay in the name the radio
                  is selected and read by, and are under "About these backbones" */}
              <span className="backbone-facts">
                {(b.sizeBytes / 1e6).toFixed(1)} MB<span className="visually-hidden">{factsAfterSize(b)}</span>
              </span>
              <span id={`${sourceId}-${b.id}`} hidden>
                {describedAs(b)}
              </span>
            </label>
            {b.id === marked && (
              <div className="backbone-use">
                <button
                  type="button"
                  // the button goes with the mark: the focus goes to the option now chosen
                  onClick={handingFocusOn('fieldset', '.backbone-use button', 'input[name="backbone"]:checked', () =>
                    pick(b.id),
                  )}
                >
                  Use {b.name}
                </button>
                <span className="hint" id={hintId}>
                  {markWords(inUse ? nameOf(inUse) : null, modelAside)}
                </span>
              </div>
            )}
            {!b.hostedUrl && (
              <button
                type="button"
                className="ghost backbone-forget"
                aria-label={`Remove ${b.name} from the list`}
                // the focus goes with the option: to the next one's Remove, else to the chosen backbone
                onClick={(e) => {
                  const remove = handingFocusOn('fieldset', '.backbone-forget', 'input[name="backbone"]:checked', () =>
                    forgetBackbone(b.id),
                  );
                  const control = { currentTarget: e.currentTarget };
                  // the chosen one goes with the backbone loaded from it, and with a model built on it
                  if (b.id !== selected) return remove(control);
                  guard({
                    title: `Remove ${b.name}?`,
                    confirm: 'Remove anyway',
                    does: `Removing it unloads ${b.name}, the backbone the model was trained on`,
                    go: () => remove(control),
                  });
                }}
              >
                Remove
              </button>
            )}
          </Fragment>
        ))}
      </fieldset>
      <AboutBackbones list={allBackbones()} />
      {status === 'loading' && (
        <div className="progress-row">
          <progress aria-label="Backbone loading" max={1} value={progress} />
          <span>{detail}</span>
        </div>
      )}
      <div role="status">
        {/* while loading, the progress bar above shows it: the words are for screen readers */}
        {said && <p className={status === 'loading' ? 'visually-hidden' : 'ok'}>{said}</p>}
      </div>
      {status === 'ready' && loaded?.notCached && (
        <p role="alert" className="notice">
          It could not be kept for offline use (
          {/quota/i.test(loaded.notCached) ? 'browser storage is full' : loaded.notCached}):{' '}
          {/* one removed while it loaded is no longer listed: it has no address either */}
          {findBackboneSpec(loaded.id)?.hostedUrl
            ? 'the next visit loads it again from where it came from.'
            : 'it has no address to load it from again, so keep its files and import them again on the next visit.'}
        </p>
      )}
      {notListed.length > 0 && (
        <p role="alert" className="notice">
          {notListed.map((b) => b.name).join(', ')} can be used now, but this browser’s storage (full or blocked) would
          not keep {notListed.length > 1 ? 'them' : 'it'} on the list: the next visit will not offer{' '}
          {notListed.length > 1 ? 'them' : 'it'}. Free some storage and bring the files again, or keep them to import on
          the next visit.
        </p>
      )}
      {error && status !== 'loading' && (
        <div role="alert" className="error">
          <pre>{error}</pre>
          {/* back online, the ticked backbone could not be picked again (its radio was already on) */}
          {status === 'error' && (
            <button type="button" disabled={running} onClick={() => void select(selected)}>
              Try loading {nameOf(selected)} again
            </button>
          )}
        </div>
      )}
      {status === 'ready' && loaded?.id === selected && (
        <ResolutionAdviceNote selected={selected} disabled={running || waiting} onPick={pick} />
      )}
      {dialog}
      <LayerMap />
      <CustomBackbone />
      <p className="hint">
        <FilePicker
          className="file-label"
          multiple
          ariaLabel="model.json and weight files of the backbone selected above"
          disabled={running}
          waiting={waiting}
          describedBy={describedBy}
          onFiles={(files) =>
            guard({
              title: 'Load the backbone from these files?',
              confirm: 'Load them anyway',
              does: 'Loading them replaces the backbone the model was trained on',
              go: () => void loadFromFiles(files),
            })
          }
        >
          Load backbone from files…
        </FilePicker>{' '}
        (model.json with its weight files, for the backbone selected above)
      </p>
    </section>
  );
}
