import { useState } from 'react';
import { firstNames, nameKey, plural } from '../core/data/problems';
import type { TestReport } from '../core/data/test-folder';
import { useProject } from '../state/project';
import { useProjectLock } from './useRunLock';

/**
 * The photos the model got wrong, added to their classes in the project: what a person does next
 * to teach it those cases. Once in the project they are training images, and a test of the same
 * folder leaves them out (state/test-set.ts inProject).
 */
export function LearnFromMisses({ misses, classes }: { misses: TestReport<File>['misses']; classes: string[] }) {
  const projectClasses = useProject((s) => s.classes);
  const locked = useProjectLock();
  const [said, setSaid] = useState<string | null>(null);
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
    const notices: string[] = [];
    for (const g of into.values()) {
      const notice = await useProject.getState().addImages(g.id, g.files);
      if (notice) notices.push(notice);
    }
    setSaid(
      `Added ${plural(n, 'photo')} to ${firstNames([...into.values()].map((g) => g.name))}: train again to learn from them. ` +
        `They are project images now, so a test of this folder leaves them out.${notices.length ? ` ${notices.join('. ')}` : ''}`,
    );
  };
  return (
    <>
      {said ? (
        <p className="hint" role="status">
          {said}
        </p>
      ) : (
        n > 0 && (
          <p className="row">
            <button type="button" onClick={() => void add()} disabled={!!locked} title={locked ?? undefined}>
              Add {n === 1 ? 'this photo' : `these ${n} photos`} to {n === 1 ? 'its class' : 'their classes'}
            </button>
          </p>
        )
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
