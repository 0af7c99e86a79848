import { useEffect, useState } from 'react';
import { factsOf } from '../state/file-hashes';
import { useProject } from '../state/project';
import { resolutionAdvice, spreadSample } from './resolution-advice';

type Sizes = { width?: number; height?: number }[];

/**
 * Under the backbones: when the project's photos call for the selected backbone's other input size
 * (resolution-advice.ts), says so with a button that picks it. The sizes come from the headers the
 * file-facts worker reads of every added image anyway (state/file-hashes.ts), a sample of them.
 */
export function ResolutionAdviceNote({
  selected,
  disabled,
  onPick,
}: {
  selected: string;
  disabled: boolean;
  onPick: (id: string) => void;
}) {
  const classes = useProject((s) => s.classes);
  // a drop being added changes the classes every window: the sizes are read once it is in
  const adding = useProject((s) => s.adding !== null);
  const [sizes, setSizes] = useState<Sizes | null>(null);
  useEffect(() => {
    if (adding) return;
    let current = true;
    const files = spreadSample(classes.flatMap((c) => c.images.map((i) => i.file)));
    void Promise.all(
      files.map((f) =>
        factsOf(f).then(
          (facts) => (facts.error === undefined ? { width: facts.width, height: facts.height } : {}),
          () => ({}),
        ),
      ),
    ).then((read) => current && setSizes(read));
    return () => {
      current = false;
    };
  }, [classes, adding]);
  const advice = sizes ? resolutionAdvice(sizes, selected) : null;
  if (!advice) return null;
  return (
    <p className="hint resolution-advice" data-testid="resolution-advice">
      {advice.text}{' '}
      <button type="button" disabled={disabled} onClick={() => onPick(advice.to)}>
        Use {advice.name}
      </button>
    </p>
  );
}
