import { useEffect, useState } from 'react';
import { duplicateWarnings, fingerprint } from '../core/data/duplicates';
import { useProject } from '../state/project';

// Each File is hashed once, however often the classes change.
const prints = new WeakMap<File, Promise<string>>();
const printOf = (file: File) => {
  let p = prints.get(file);
  if (!p) prints.set(file, (p = fingerprint(file).catch(() => `unreadable:${Math.random()}`)));
  return p;
};

/** Warnings that do not block training: the same picture filed twice. */
export function DatasetWarnings() {
  const classes = useProject((s) => s.classes);
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    const images = classes.flatMap((c, label) => c.images.map((img) => ({ name: img.file.name, label, file: img.file })));
    void Promise.all(images.map((i) => printOf(i.file))).then((fps) => {
      if (current) setWarnings(duplicateWarnings(classes.map((c) => c.name), images.map((img, i) => ({ ...img, fingerprint: fps[i] }))));
    });
    return () => {
      current = false;
    };
  }, [classes]);
  if (!warnings.length) return null;
  return (
    <>
      <ul className="notice warnings" aria-label="Dataset warnings">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p className="hint">“Check dataset health” (under “Check the data” below) lists them too, with a button that removes the extra copies.</p>
    </>
  );
}
