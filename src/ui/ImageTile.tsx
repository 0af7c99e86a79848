import { useEffect, useRef, useState } from 'react';
import { useInsight } from '../state/dataset-insight';
import { useLabelChecks } from '../state/label-checks';
import { useProject } from '../state/project';
import { firstControl, handingFocusOn } from './focus-after-removal';
import { backAt, madeFrom } from './undo-origin';
import { moveChoices } from './tile-words';
import { useProjectLock } from './useRunLock';

/**
 * Why the tiles' fixes wait, once above a gallery: while a run uses the images (its full model
 * trains behind a first model's results) the project refuses moves and deletions, and the tiles'
 * buttons did nothing with nothing said beside them.
 */
export function TilesLocked() {
  const locked = useProjectLock();
  return locked ? (
    <p className="hint" data-testid="tiles-locked">
      {locked}
    </p>
  ) : null;
}

/**
 * One project image in a results gallery, with the fixes a person makes there: move it to
 * another class (relabel) or delete it. The image keeps its id, so retraining reuses its features.
 */
export function ImageTile({
  id,
  labelled,
  predicted,
  headline,
  caption,
  captionTitle,
  suggest,
}: {
  id: string;
  /** the class the run knew the image by, when the caption says it: the tile names its class only if it is now another */
  labelled?: string;
  /** the model's answer: the first class the tile offers to move the image to */
  predicted?: string;
  /** the tile's lead line, seen: "tulip → daisy · 53%" */
  headline?: string;
  /** what the headline says, read in words (shown in its place where there is no headline) */
  caption?: string;
  /** more on the caption for those who look further (a top loss's loss) */
  captionTitle?: string;
  /** the class whose move button is marked as the likely fix (the model is sure the label is wrong) */
  suggest?: string;
}) {
  const classes = useProject((s) => s.classes);
  const changed = useInsight((s) => s.changed[id]);
  // the actions only: the whole store re-rendered every tile at each of its changes
  const relabel = useInsight((s) => s.relabel);
  const remove = useInsight((s) => s.remove);
  const locked = useProjectLock();
  const checked = useLabelChecks((s) => !!s.checked[id]);
  const toggleCheck = useLabelChecks((s) => s.toggle);
  const [target, setTarget] = useState('');
  const owner = classes.find((c) => c.images.some((i) => i.id === id));
  const image = owner?.images.find((i) => i.id === id);
  const tile = useRef<HTMLLIElement>(null);
  const here = !!image;
  const wasHere = useRef(here);
  useEffect(() => {
    const back = here && !wasHere.current;
    wasHere.current = here;
    if (!back || !tile.current) return;
    // put back by an undo: its toast's Undo hands the focus here where the Delete was this tile's
    // (undo-origin.ts: not where it was another gallery's, or the Data step's), and Ctrl+Z pressed
    // on the tile that said Deleted moves it on to the tile's first control
    backAt(firstControl(tile.current), tile.current);
    if (document.activeElement === tile.current) firstControl(tile.current).focus();
  }, [here]);
  // the tile, in both its states, is where the focus rests when its Delete was the gallery's last:
  // on its "Deleted" words, the undo that took them away dropped the focus to the page
  const place = { ref: tile, tabIndex: -1, 'data-tile': id };
  // the tile is where its fixes are made: their Undo hands the focus back to it (undo-origin.ts)
  const fromTile = (scope: string, peers: string, fallback: string, act: () => unknown) => {
    let at: HTMLElement | null = null;
    const hand = handingFocusOn(scope, peers, fallback, () => (at ? madeFrom(at, act) : act()));
    return (e: { currentTarget: HTMLElement }) => {
      at = e.currentTarget.closest('li');
      hand(e);
    };
  };
  if (!owner || !image) {
    return (
      <li {...place}>
        <span className="changed">{changed?.what === 'deleted' ? 'Deleted' : 'No longer in the project'}</span>
      </li>
    );
  }
  const file = image.file.name;
  const names = classes.map((c) => c.name);
  // a mistake whose image is where the run saw it (never moved, or moved back) may be the model's:
  // the person can say so
  const moved = !!changed && changed.from !== owner.id;
  const checkable = !!predicted && predicted !== labelled && !moved;
  // a label checked as right asks nothing more: its moves go until the mark is taken away (an image
  // moved since, from the review or another gallery, offers its way back whatever its mark)
  const done = checked && checkable;
  const { buttons, rest } = done ? { buttons: [], rest: [] } : moveChoices(names, owner.name, predicted, labelled);
  const asks = buttons.length > 0 || rest.length > 0;
  // a class chosen, then renamed, deleted or made the image's own (Undo) is no choice any more
  const to = rest.includes(target) ? target : '';
  const moveTo = (name: string, at: number) => {
    // the button at this place stays, offering the next class (the way back): the focus stays on it
    const stays = moveChoices(names, name, predicted, labelled).buttons.length > at;
    const act = () => relabel(id, name);
    return stays
      ? (e: { currentTarget: HTMLElement }) => {
          const li = e.currentTarget.closest('li');
          if (li) madeFrom(li, act);
          else act();
        }
      : fromTile('li', 'button.tile-move', 'select', act);
  };
  return (
    <li {...place} data-checked={done ? '' : undefined}>
      <img src={image.url} alt={`${file} (${owner.name})`} width={150} height={110} loading="lazy" />
      {/* what a person scans the gallery for, first and strong; read as the plain sentence */}
      {headline && (
        <p className="tile-said" title={captionTitle}>
          <span aria-hidden="true">{headline}</span>
          {caption && <span className="visually-hidden">{caption}</span>}
        </p>
      )}
      {/* the file name tells one photo from another only to its owner: one quiet line, whole in its title */}
      <span className="tile-file" title={file}>
        <span className="tile-file-name">{file}</span>
        {/* the class once: a headline that says what the image was labelled leaves it out here */}
        {owner.name === labelled ? '' : <span className="tile-file-class"> · {owner.name}</span>}
      </span>
      {!headline && caption && <span title={captionTitle}>{caption}</span>}
      {/* an image put back where the last run saw it (Undo, or moved back) is up to date again; one
          elsewhere is named by where it is now: the mark keeps the last move's words, and a move
          undone back to an earlier move's class still read "moved to" the class it left */}
      {moved && <span className="changed">moved to {owner.name} · train again to update the results</span>}
      <span className="tile-actions">
        {/* most top losses are the model's mistakes, not mislabelled images: the moves are offered as
            a question, not as the first thing to do (a bare "Move to daisy" first read as the fix) */}
        {asks && <span className="tile-ask">Label wrong?</span>}
        {/* the moves kept together, Delete beside them where the tile is wide enough, else under them;
            none once the label is checked as right (an empty row pushed the check to the far side) */}
        {asks && (
          <span className="tile-moves">
            {/* one press each, the model's answer first. Keyed by place: the button pressed stays under
            the focus and offers the next class, the way back first */}
            {buttons.map((name, at) => (
              <button
                key={at}
                type="button"
                onClick={moveTo(name, at)}
                // marked only where the model is sure and gives the label little (tile-words.ts): a marked
                // guess of 45% read as the answer and moved correctly labelled images
                className={name === suggest ? 'tile-move suggested' : 'tile-move'}
                disabled={!!locked}
                title={
                  locked ?? (name === suggest ? `The model is sure this is ${name}: the label looks wrong` : undefined)
                }
                aria-label={`Move to ${name}: ${file}`}
              >
                Move to {name}
              </button>
            ))}
            {/* chosen, then moved with its button (as in the review dialog): a closed select's arrow keys
            change its value at once on Windows and Linux, which moved the image at each press */}
            {rest.length > 0 && (
              <select
                aria-label={`Move ${file} to another class`}
                value={to}
                onChange={(e) => setTarget(e.target.value)}
              >
                <option value="">{buttons.length ? 'Other class…' : 'Move to…'}</option>
                {rest.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
            {/* only once a class is chosen: a Move greyed out beside every select was one more thing to read */}
            {to && (
              <button
                type="button"
                className="tile-move-chosen"
                // the button goes once the image has moved: the focus goes back to the select
                onClick={fromTile('li', 'button.tile-move-chosen', 'select', () => {
                  setTarget('');
                  relabel(id, to);
                })}
                disabled={!!locked}
                title={locked ?? undefined}
                aria-label={`Move ${file} to ${to}`}
              >
                Move
              </button>
            )}
          </span>
        )}
        {/* the mistake is the model's: said once looked at, so the rest of the gallery is what is left
            to check (aria-pressed: pressed again, the moves come back) */}
        {checkable && (
          <button
            type="button"
            className="tile-right"
            aria-pressed={checked}
            onClick={() => toggleCheck(id)}
            aria-label={`Label is right: ${file}`}
            title={checked ? 'Checked: the model was wrong, not the label. Press again to offer the moves.' : undefined}
          >
            Label is right
          </button>
        )}
        <button
          type="button"
          className="tile-delete"
          // the tile stays (it says Deleted); the focus goes to the next tile's Delete, or, the
          // gallery's last, to the tile itself
          onClick={fromTile('ul', '.tile-delete', `[data-tile=${JSON.stringify(id)}]`, () => remove([id]))}
          disabled={!!locked}
          title={locked ?? undefined}
          aria-label={`Delete ${file}`}
        >
          Delete
        </button>
      </span>
    </li>
  );
}
