import { neverPredicted, type ClassMetrics } from '../core/train/metrics';
import { pct } from './percent';
import { FigureHeading, ScrollingTable } from './ScrollingTable';

/**
 * Each class's figures on a set of images: the validation images (Evaluate) and the test images
 * (Test on other images) in the same columns, so the two read side by side. The test table lacked
 * F1 and called its rows "Test photos" where the other said "Validation images".
 */
export function ClassMetricsTable({
  label,
  images,
  counted,
  classes,
  perClass,
}: {
  label: string;
  /** what the count column counts, in full: "Validation images", "Test images" */
  images: string;
  /** the count column's heading on the page, one word: "Validated", "Tested" */
  counted: string;
  classes: readonly string[];
  perClass: readonly ClassMetrics[];
}) {
  return (
    <>
      <ScrollingTable label={label} className="class-metrics">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <CountHeading full={images} shown={counted} />
            <FigureHeading>Recall</FigureHeading>
            <FigureHeading>Precision</FigureHeading>
            <FigureHeading>F1</FigureHeading>
          </tr>
        </thead>
        <tbody>
          {classes.map((name, i) => {
            const m = perClass[i];
            return (
              <tr key={`${i}-${name}`}>
                <th scope="row">{name}</th>
                <td className="num">{m.count}</td>
                {/* a class with no images here has no recall, nor an F1: a dash, not 0% */}
                <td className="num">{m.count ? pct(m.accuracy) : '—'}</td>
                {/* words, not a figure: they may take two lines (on one, a phone's F1 went off the screen) */}
                {neverPredicted(m) ? (
                  <td className="num num-words">never predicted</td>
                ) : (
                  <td className="num">{pct(m.precision)}</td>
                )}
                {/* in % like the two beside it (a 0–1 score among percentages read as another unit) */}
                <td className="num">{m.count ? pct(m.f1) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </ScrollingTable>
      {/* the three figures in words, for those who have not met them (a teacher, a maker) */}
      <p className="hint metric-words">
        Recall: of a class&apos;s images, the share the model got right. Precision: of the images the model called that
        class, the share that were. F1 weighs the two together.
      </p>
    </>
  );
}

/**
 * The count column's heading: one word on the page ("Validated"), its full name ("Validation
 * images") read out and in its tooltip. Written in full it took two lines and pushed Precision and
 * F1 off a 390 px phone; "Images" beside a class card's larger count read as a contradiction.
 */
function CountHeading({ full, shown }: { full: string; shown: string }) {
  return (
    <th scope="col" className="num" title={full}>
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">{full}</span>
    </th>
  );
}
