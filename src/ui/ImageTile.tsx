import { useEffect, useRef, useState } from 'react';
import { useInsight } from '../state/dataset-insight';
import { useProject } from '../state/project';
import { firstControl, handingFocusOn } from './focus-after-removal';
import { backAt, madeFrom } from './undo-origin';
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
  caption,
  captionTitle,
  suggest,
}: {
  id: string;
  /** the class the run knew the image by, when the caption says it: the tile names its class only if it is now another */
  labelled?: string;
  caption?: string;
  /** more on the caption for those who look further (a top loss's loss) */
  captionTitle?: string;
  suggest?: string;
}) {
  const classes = useProject((s) => s.classes);
  const changed = useInsight((s) => s.changed[id]);
  // the actions only: the whole store re-rendered every tile at each of its changes
  const relabel = useInsight((s) => s.relabel);
  const remove = useInsight((s) => s.remove);
  const locked = useProjectLock();
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
  const others = classes.filter((c) => c.id !== owner.id);
  // a class chosen, then renamed, deleted or made the image's own (Undo) is no choice any more
  const to = others.some((c) => c.name === target) ? target : '';
  return (
    <li {...place}>
      <img src={image.url} alt={`${file} (${owner.name})`} width={150} height={110} loading="lazy" />
      {/* the class once: a caption that says what the image was labelled leaves it out here */}
      <span>
        {file}
        {owner.name === labelled ? '' : ` · ${owner.name}`}
      </span>
      {caption && <span title={captionTitle}>{caption}</span>}
      {/* an image put back where the last run saw it (Undo, or moved back) is up to date again; one
          elsewhere is named by where it is now: the mark keeps the last move's words, and a move
          undone back to an earlier move's class still read "moved to" the class it left */}
      {changed && changed.from !== owner.id && (
        <span className="changed">moved to {owner.name} · train again to update the results</span>
      )}
      {/* a question, and quieter than the fixes below it: as the tile's first, full-width button
          "Move to tulip" under a real rose read as the answer, and invited the mislabel */}
      {suggest && suggest !== owner.name && others.some((c) => c.name === suggest) && (
        <button
          type="button"
          // the button goes once the image is where it suggests: the focus stays on the tile's select
          onClick={fromTile('li', 'button.tile-move', 'select', () => relabel(id, suggest))}
          className="tile-move"
          disabled={!!locked}
          title={locked ?? undefined}
          aria-label={`Label wrong? Move to ${suggest}: ${file}`}
        >
          Label wrong? Move to {suggest}
        </button>
      )}
      {/* chosen, then moved with the button (as in the review dialog): a closed select's arrow keys
          change its value at once on Windows and Linux, which moved the image at each press */}
      <span className="tile-actions">
        <select aria-label={`Move ${file} to another class`} value={to} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Move to…</option>
          {others.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="tile-move-chosen"
          // the button disables itself once the image has moved: the focus goes back to the select
          onClick={fromTile('li', 'button.tile-move-chosen', 'select', () => {
            setTarget('');
            relabel(id, to);
          })}
          disabled={!to || !!locked}
          title={locked ?? undefined}
          aria-label={to ? `Move ${file} to ${to}` : `Move ${file}`}
        >
          Move
        </button>
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
