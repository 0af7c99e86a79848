import { useEffect, useState } from 'react';
import { duplicateWarnings, weakFingerprint } from '../core/data/duplicates';
import { hashOf } from '../state/file-hashes';
import { useProject } from '../state/project';

const printOf = (file: File) =>
  hashOf(file).then(
    (h) => h ?? weakFingerprint(file),
    () => `unreadable:${Math.random()}`,
  );

/** Warnings that do not block training: the same picture filed twice. */
export function DatasetWarnings() {
  const classes = useProject((s) => s.classes);
  // a drop being added changes the classes every window: they are checked once it is in
  const adding = useProject((s) => s.adding !== null);
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    if (adding) return;
    let current = true;
    const images = classes.flatMap((c, label) =>
      c.images.map((img) => ({ name: img.file.name, label, file: img.file })),
    );
    void Promise.all(images.map((i) => printOf(i.file))).then((fps) => {
      if (current)
        setWarnings(
          duplicateWarnings(
            classes.map((c) => c.name),
            images.map((img, i) => ({ ...img, fingerprint: fps[i] })),
          ),
        );
    });
    return () => {
      current = false;
    };
  }, [classes, adding]);
  if (!warnings.length) return null;
  return (
    <>
      <ul className="notice warnings" aria-label="Dataset warnings">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p className="hint">
        “Check dataset health” (under “Check the data” below) lists them too, with a button that removes the extra
        copies.
      </p>
    </>
  );
}
