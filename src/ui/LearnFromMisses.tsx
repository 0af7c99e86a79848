import { useRef, useState } from 'react';
import { firstNames, nameKey, plural } from '../core/data/problems';
import type { TestReport } from '../core/data/test-folder';
import { imageCount } from '../core/project/project-limits';
import { nothingAdded, offerAddUndo } from '../state/add-undo';
import { useProject } from '../state/project';
import { learntFrom } from '../state/test-set';
import { useProjectLock } from './useRunLock';

/**
 * The photos the model got wrong, added to their classes in the project: what a person does next
 * to teach it those cases. Once in the project they are training images, no longer test photos:
 * a test of the same folder leaves them out, and says its figure flatters the model until it is
 * trained again (state/test-set.ts learntFrom).
 */
export function LearnFromMisses({ misses, classes }: { misses: TestReport<File>['misses']; classes: string[] }) {
  const projectClasses = useProject((s) => s.classes);
  const locked = useProjectLock();
  const [said, setSaid] = useState<{ text: string; ids: string[] } | null>(null);
  // the adding undone (its toast), none of them is in the project: the offer to add them comes back
  const saidIds = new Set(said?.ids);
  if (said && saidIds.size && !projectClasses.some((c) => c.images.some((i) => saidIds.has(i.id)))) setSaid(null);
  const [adding, setAdding] = useState(false);
  const saidLine = useRef<HTMLParagraphElement>(null);
  const byName = new Map(projectClasses.map((c) => [nameKey(c.name), c]));
  const into = new Map<string, { id: string; name: string; files: File[] }>();
  const without = new Set<string>();
  for (const m of misses) {
    const label = classes[m.item.label];
    const target = byName.get(nameKey(label));
    if (!target) without.add(label);
    else {
      const group = into.get(target.id) ?? { id: target.id, name: target.name, files: [] };
      group.files.push(m.item.file);
      into.set(target.id, group);
    }
  }
  const n = [...into.values()].reduce((sum, g) => sum + g.files.length, 0);
  const add = async () => {
    // pressed twice (or a key held) while the first one waits: each photo went in twice, one copy
    // of it could then validate the other
    if (adding) return;
    setAdding(true);
    const before = imageCount(useProject.getState().classes);
    const notices: string[] = [];
    const ids = nothingAdded();
    const noticeBefore = useProject.getState().notice;
    for (const g of into.values()) {
      const notice = await useProject.getState().addImages(g.id, g.files, { added: ids });
      if (notice) notices.push(notice);
    }
    // offered back as any adding is (the test's own note of them only matters while they are in the project)
    offerAddUndo(ids, noticeBefore);
    await learntFrom([...into.values()].flatMap((g) => g.files));
    const added = imageCount(useProject.getState().classes) - before;
    setAdding(false);
    setSaid({
      text:
        `Added ${plural(added, 'image')} to ${firstNames([...into.values()].map((g) => g.name))}: train again to learn from them.` +
        `${notices.length ? ` ${notices.join('. ')}.` : ''}`,
      ids: ids.images,
    });
    // the button went: the focus comes to what it did, in its place
    requestAnimationFrame(() => saidLine.current?.focus({ preventScroll: true }));
  };
  return (
    <>
      {/* there before its words: a live region that comes with them is often not read */}
      <p className={said ? 'hint' : 'visually-hidden'} role="status" ref={saidLine} tabIndex={-1}>
        {said?.text}
      </p>
      {!said && n > 0 && (
        <>
          <p className="hint">
            Added to the project, they become training images: a test of this folder then leaves them out. Keep another
            folder to test on.
          </p>
          <p className="row">
            <button
              type="button"
              onClick={() => void add()}
              disabled={!!locked}
              aria-disabled={adding || undefined}
              aria-describedby={locked ? 'learn-locked' : undefined}
            >
              {adding
                ? 'Adding…'
                : n === 1
                  ? 'Add this image to its class'
                  : n === misses.length
                    ? `Add all ${n} mistakes to their classes`
                    : `Add these ${n} images to their classes`}
            </button>{' '}
            {locked && (
              <span id="learn-locked" className="hint">
                {locked}
              </span>
            )}
          </p>
        </>
      )}
      {without.size > 0 && !said && (
        <p className="hint">
          The project has no class {firstNames([...without])}: {without.size === 1 ? 'its' : 'their'} mistakes cannot be
          added.
        </p>
      )}
    </>
  );
}
