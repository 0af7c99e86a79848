import { useEffect, useMemo, useRef, useState } from 'react';
import {
  clickSelect,
  filterImages,
  keepShown,
  type ReviewFilter,
  type Selection,
  type SplitFilter,
} from '../core/data/review';
import { useInsight } from '../state/dataset-insight';
import { useProject } from '../state/project';
import { deleteImages, moveImages } from '../state/project-undo';
import { useTraining } from '../state/training';
import { ImageGrid } from './ImageGrid';
import { LargeImage } from './LargeImage';
import { ErrorBoundary } from './ErrorBoundary';
import { UndoToasts } from './UndoToasts';
import { focusAfterRemoval, handingFocusOn } from './focus-after-removal';
import { heldAt, hold, type Held } from './review-active';
import { reviewFacts } from './review-facts';
import { emptyGridLine, largeCaption, reviewHeading, reviewHelp, reviewKeyAction } from './review-rules';
import { useNarrow } from './narrow';
import { usePhone } from './phone';

/** Facts every class's review shares: the next run's split, the last run's mistakes, the health check's findings. */
function useFacts() {
  const classes = useProject((s) => s.classes);
  const { valSplit, seed } = useTraining((s) => s.settings);
  const result = useTraining((s) => s.result);
  const report = useInsight((s) => s.health.report);
  return useMemo(
    () => reviewFacts({ classes, valSplit, seed, result, issues: report?.issues ?? null }),
    [classes, valSplit, seed, result, report],
  );
}

/**
 * Every image of one class in a windowed grid: filter, select many, move or delete them, open one large.
 * `startAt`: an image's id, opened from its thumbnail (Enter on it): the grid has the focus, on that image.
 */
export function ImageReview({ classId, startAt, onClose }: { classId: string; startAt?: string; onClose(): void }) {
  const classes = useProject((s) => s.classes);
  const locked = useProject((s) => s.locked);
  const cls = classes.find((c) => c.id === classId);
  const facts = useFacts();
  const [filter, setFilter] = useState<ReviewFilter>({ split: 'all', wrong: false, flagged: false });
  const [sel, setSel] = useState<Selection>({ ids: new Set(), anchor: null });
  const [activeHeld, setActive] = useState<Held | null>(null);
  const [largeHeld, setLarge] = useState<Held | null>(null);
  const [target, setTarget] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  // a finger has no Ctrl to hold: a tap adds or takes away its image. On a phone's width or a touch
  // screen the help waits behind a button, so the images start on the first screen
  const touch = usePhone();
  const compact = useNarrow() || touch;
  const [helpOpen, setHelpOpen] = useState(false);

  const all = useMemo(() => cls?.images ?? [], [cls]);
  const shown = useMemo(() => {
    const keep = new Set(
      filterImages(
        all.map((i) => i.id),
        filter,
        facts,
      ),
    );
    return all.filter((i) => keep.has(i.id));
  }, [all, filter, facts]);
  const shownIds = useMemo(() => shown.map((i) => i.id), [shown]);
  // a filter change, a move or a delete can leave the active image or the anchor out of view
  const active = heldAt(shownIds, activeHeld);
  const large = heldAt(shownIds, largeHeld);
  const current = keepShown(sel, shownIds);

  // the image it opens at, among the images as the dialog opens (no filter yet: all of them)
  const [opening] = useState(() => ({ at: startAt ? shownIds.indexOf(startAt) : -1, ids: shownIds }));
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    if (d && opening.at >= 0) {
      // made active after the focus (a grid focused with none active makes the first one so), and
      // once the dialog is open: the grid scrolls it into a view it can measure
      d.querySelector<HTMLElement>('[role="listbox"]')?.focus({ preventScroll: true });
      setActive(hold(opening.ids, opening.at));
    }
    return () => d?.close();
  }, [opening]);
  useEffect(() => {
    if (!cls) onClose();
  }, [cls, onClose]);
  if (!cls) return null;

  const others = classes.filter((c) => c.id !== classId);
  const picked = shownIds.filter((id) => sel.ids.has(id));
  const pick = (k: number, mods: { toggle: boolean; range: boolean }) =>
    setSel((s) =>
      clickSelect(keepShown(s, shownIds), shownIds, shownIds[k], {
        ...mods,
        toggle: mods.toggle || (touch && !mods.range),
      }),
    );
  const selectAll = () => setSel({ ids: new Set(shownIds), anchor: shownIds[0] ?? null });
  const move = () => {
    const to = others.find((c) => c.id === target);
    if (to && picked.length) moveImages(picked, to.id);
  };
  const remove = () => picked.length && deleteImages(picked);
  // both buttons disable themselves by emptying the selection: the focus goes back to the grid (or,
  // the grid emptied, to the dialog's first button)
  const handingOn = (action: () => unknown) =>
    handingFocusOn('dialog', '.review-action', ['[role="listbox"]', 'dialog button'], action);
  // closed, the dialog gives the focus back to "Review all N images", which is gone when the class
  // was emptied here: then it goes to the class's file picker. Closed first: a modal dialog taken out
  // of the page while open gives nothing back (Escape closes it natively, the Close button does not)
  const close = () => {
    const d = dialog.current;
    if (d) {
      if (d.open) d.close();
      // emptied: the card draws its count deferred, so "Review all" can still be there to take the
      // focus back, then leave with it to the page (2 closes in 8 on a loaded machine); the picker now
      if (all.length === 0)
        d.closest('.class-card')?.querySelector<HTMLElement>('input[type="file"]')?.focus({ preventScroll: true });
      else focusAfterRemoval(d, '.class-card', '.review-dialog', 'input[type="file"]');
    }
    onClose();
  };
  const onKey = (e: React.KeyboardEvent) => {
    const action = reviewKeyAction(e, { picked: picked.length, locked });
    if (action === 'select-all') selectAll();
    else if (action === 'delete') remove();
    return action !== null;
  };
  const set = (patch: Partial<ReviewFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <dialog
      ref={dialog}
      className="review-dialog"
      aria-labelledby="review-title"
      onCancel={(e) => (large >= 0 ? e.preventDefault() : close())}
    >
      <header className="review-head">
        <h2 id="review-title">{reviewHeading(cls.name, shown.length, all.length)}</h2>
        <button type="button" className="ghost" onClick={close}>
          Close
        </button>
      </header>
      <div className="review-tools" role="group" aria-label="Filter images">
        <label>
          Split{' '}
          <select value={filter.split} onChange={(e) => set({ split: e.target.value as SplitFilter })}>
            <option value="all">All</option>
            <option value="train">Training</option>
            <option value="validation">Validation</option>
          </select>
        </label>
        <label title={facts.hasRun ? undefined : 'Train first'}>
          <input
            type="checkbox"
            checked={filter.wrong}
            disabled={!facts.hasRun}
            onChange={(e) => set({ wrong: e.target.checked })}
          />{' '}
          Wrong in the last run
        </label>
        <label title={facts.hasHealth ? undefined : 'Run "Check dataset health" first'}>
          <input
            type="checkbox"
            checked={filter.flagged}
            disabled={!facts.hasHealth}
            onChange={(e) => set({ flagged: e.target.checked })}
          />{' '}
          Flagged by the health check
        </label>
      </div>
      <div className="review-tools" role="group" aria-label="Selected images">
        <button type="button" onClick={selectAll} disabled={!shown.length}>
          Select all
        </button>
        <button
          type="button"
          className="review-none"
          // it disables itself: the focus goes on to the grid, as from Move and Delete
          onClick={handingFocusOn('dialog', '.review-none', ['[role="listbox"]', 'dialog button'], () =>
            setSel({ ids: new Set(), anchor: null }),
          )}
          disabled={!picked.length}
        >
          Select none
        </button>
        <span aria-live="polite" data-testid="review-selected">
          {picked.length} selected
        </span>
        {/* a phone's width: its own row, each button's count and "large" left to the words beside them
            (shown text still starts each name) so the four fit one row of finger-sized controls */}
        <div className="review-acts">
          <select aria-label="Move selected images to" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Move to…</option>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="review-action"
            onClick={handingOn(move)}
            disabled={!picked.length || !target || !!locked}
            title={locked ?? undefined}
          >
            Move<span className="narrow-hidden"> {picked.length || ''} selected</span>
          </button>
          <button
            type="button"
            className="review-action"
            onClick={handingOn(remove)}
            disabled={!picked.length || !!locked}
            title={locked ?? undefined}
          >
            Delete<span className="narrow-hidden"> {picked.length || ''} selected</span>
          </button>
          <button type="button" onClick={() => setLarge(hold(shownIds, active))} disabled={active < 0}>
            Open<span className="narrow-hidden"> large</span>
          </button>
        </div>
      </div>
      {compact && (
        <button
          type="button"
          className="ghost review-help-toggle"
          aria-expanded={helpOpen}
          aria-controls="review-help"
          onClick={() => setHelpOpen((open) => !open)}
        >
          Selecting and shortcuts
        </button>
      )}
      <p id="review-help" className="hint" hidden={compact && !helpOpen}>
        {reviewHelp(touch)}
      </p>
      {shown.length ? (
        <ImageGrid
          label={`Images of ${cls.name}`}
          images={shown}
          selected={current.ids}
          active={active}
          onActive={(k) => setActive(hold(shownIds, k))}
          onPick={pick}
          onOpen={(k) => setLarge(hold(shownIds, k))}
          onKey={onKey}
        />
      ) : (
        <p className="hint">{emptyGridLine(cls.name, all.length)}</p>
      )}
      {large >= 0 && (
        <ErrorBoundary name="the large image view" onReset={() => setLarge(null)}>
          <LargeImage
            image={shown[large]}
            caption={largeCaption(cls.name, shown[large].id, facts)}
            position={`${large + 1} of ${shown.length}`}
            onStep={(d) => setLarge(hold(shownIds, Math.min(shown.length - 1, Math.max(0, large + d))))}
            onClose={() => {
              // back on the grid (opened by Open large, the focus would go back to that button,
              // away from the images), on the image last shown large: set after the focus, which
              // makes the first image active in a grid with none
              dialog.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus({ preventScroll: true });
              setActive(hold(shownIds, large));
              setLarge(null);
            }}
          />
        </ErrorBoundary>
      )}
      <UndoToasts inDialog />
    </dialog>
  );
}
