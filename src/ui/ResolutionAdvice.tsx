import { useEffect, useMemo, useState } from 'react';
import { factsOf } from '../state/file-hashes';
import { useProject } from '../state/project';
import { handingFocusOn } from './focus-after-removal';
import { resolutionAdvice, spreadSample } from './resolution-advice';
import { WaitingButton } from './WaitingButton';

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
  const files = useMemo(() => spreadSample(classes.flatMap((c) => c.images.map((i) => i.file))), [classes]);
  // the sizes with the files they were read from: another project's (New, Open project) advise
  // nothing while its own are read, and a rename (the same files) does not hide the note
  const [sizes, setSizes] = useState<{ of: File[]; sizes: Sizes } | null>(null);
  useEffect(() => {
    if (adding) return;
    let current = true;
    void Promise.all(
      files.map((f) =>
        factsOf(f).then(
          (facts) => (facts.error === undefined ? { width: facts.width, height: facts.height } : {}),
          () => ({}),
        ),
      ),
    ).then((read) => current && setSizes({ of: files, sizes: read }));
    return () => {
      current = false;
    };
  }, [files, adding]);
  const same = sizes !== null && sizes.of.length === files.length && sizes.of.every((f, i) => f === files[i]);
  const advice = same ? resolutionAdvice(sizes.sizes, selected) : null;
  if (!advice) return null;
  return (
    <p className="hint resolution-advice" data-testid="resolution-advice">
      {advice.text}{' '}
      <WaitingButton
        // while the backbone cannot change (the backends' calibration on a first visit, a run) the
        // button keeps a keyboard user's focus, where `disabled` dropped it to the page, and is
        // described by the picker's reason, whichever of the two it shows (an id not on the page is passed over)
        waiting={disabled}
        aria-describedby={disabled ? 'backbone-waiting backbone-locked' : undefined}
        // the note goes while the backbone it picked loads: the focus goes to the backbone now chosen
        onClick={handingFocusOn('.panel', '.resolution-advice button', 'input[name="backbone"]:checked', () =>
          onPick(advice.to),
        )}
      >
        Use {advice.name}
      </WaitingButton>
    </p>
  );
}
