import { useCallback, useEffect, useRef } from 'react';
import { FigureHeading, ScrollingTable } from './ScrollingTable';
import { Thumbnail } from './Thumbnail';

/** The parts test results are shown with: a table of a figure per class, and a photo with its caption. */

/** A row per class, a figure per column. */
export function ClassFigures({
  label,
  head = 'Class',
  classes,
  columns,
}: {
  label: string;
  head?: string;
  classes: readonly string[];
  columns: [string, (i: number) => string | number][];
}) {
  return (
    <ScrollingTable label={label}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {columns.map(([name]) => (
            <FigureHeading key={name}>{name}</FigureHeading>
          ))}
        </tr>
      </thead>
      <tbody>
        {classes.map((name, i) => (
          <tr key={`${i}-${name}`}>
            <th scope="row">{name}</th>
            {columns.map(([column, cell]) => (
              <td key={column} className="num">
                {cell(i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** a gallery picture's width, as the validation galleries show theirs */
const PHOTO_SIDE = 150;

/**
 * A test photo as the project's are shown: a small picture the file-facts worker makes (a phone's
 * 12-megapixel photo was decoded whole on the page for a 150-px tile), the photo's own URL only
 * where none can be made, revoked when the tile goes.
 */
export function Photo({ file, words }: { file: File; words: string }) {
  const made = useRef<string | null>(null);
  const url = useCallback(() => (made.current ??= URL.createObjectURL(file)), [file]);
  useEffect(
    () => () => {
      if (made.current) URL.revokeObjectURL(made.current);
      made.current = null;
    },
    [file],
  );
  return (
    <li>
      {/* the caption says it all: an alt repeating it was read twice */}
      <Thumbnail file={file} url={url} alt="" size={PHOTO_SIDE} />
      <span>{words}</span>
    </li>
  );
}
