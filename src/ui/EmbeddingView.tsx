import { useState } from 'react';
import { mostMixed, type MapOutlier } from '../core/features/map-outliers';
import { useInsight } from '../state/dataset-insight';
import { mapImages, mapViewOf, SHOWN_STRAYS } from './embedding-points';
import { MapChart, Sized, usePrefetchSvgCharts } from './chart-frame';
import { ImageReview } from './ImageReview';
import { Thumbnail, urlOf } from './Thumbnail';
import { useClassesSoon } from './useProjectSoon';
import { WaitingButton } from './WaitingButton';

/** The map in a sentence: the two classes it mixes most. */
function verdict(strays: readonly MapOutlier[], classes: readonly string[]): string | null {
  const mixed = mostMixed(strays);
  // none mixed: the line under the map says every image sits nearer its own class
  if (!mixed) return null;
  const [a, b] = mixed.classes.map((c) => `"${classes[c]}"`);
  const images = `${mixed.images} image${mixed.images === 1 ? '' : 's'}`;
  return `Most mixed: ${a} and ${b} (${images} nearer the other's centre). The model is likeliest to confuse these two: more varied images of both help.`;
}

/** each listed image's picture, a small square beside its name */
const STRAY_THUMB = 48;

/** The pooled features in 2-D (PCA): classes that separate here are easy for the head. */
export function EmbeddingView({ disabled, describedBy }: { disabled: boolean; describedBy?: string }) {
  const { status, progress, data, classes, error, stale } = useInsight((s) => s.embedding);
  const showEmbedding = useInsight((s) => s.showEmbedding);
  const project = useClassesSoon();
  usePrefetchSvgCharts(status === 'running');
  const view = data ? mapViewOf(data, classes) : null;
  // what a pointer finds by hovering, in words: the images that sit among another class
  const allStrays = view?.strays ?? [];
  const strays = allStrays.slice(0, SHOWN_STRAYS);
  const mixed = verdict(allStrays, classes);
  // the images as the project holds them now: a rename shows, a deleted one has no picture or review
  const found = mapImages(
    project,
    strays.map((o) => o.id),
  );
  const [reviewing, setReviewing] = useState<{ classId: string; at: string } | null>(null);
  const pct = (f: number | undefined) => `${((f ?? 0) * 100).toFixed(0)}%`;
  // a chart appears silently: this line says what it shows
  const outcome =
    status === 'running'
      ? 'Making the feature map…'
      : status === 'done' && data
        ? `Feature map shown: ${data.points.length} images in ${classes.length} classes; ${
            allStrays.length
              ? `${allStrays.length} sit${allStrays.length === 1 ? 's' : ''} nearer another class, listed below the map.`
              : 'each sits nearer its own class.'
          }`
        : '';
  return (
    <div>
      <div className="row">
        <WaitingButton
          onClick={() => void showEmbedding()}
          disabled={disabled}
          waiting={status === 'running'}
          aria-describedby={describedBy}
        >
          Show feature map
        </WaitingButton>
        {status === 'running' && (
          <progress
            aria-label="Making the feature map (features, then the map)"
            max={Math.max(1, progress.total)}
            value={progress.done}
          />
        )}
        {/* there before the map, so its words are read when they come */}
        <span role="status" className="hint">
          {outcome}
        </span>
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </div>
      {data && (
        <figure
          className="chart"
          aria-label={`Feature map, ${data.points.length} images in ${classes.length} classes`}
          data-points={data.points.length}
        >
          {/* in a teacher's words: "PCA" and "variance" are a notebook's, kept for those who hover */}
          <figcaption title="Principal component analysis (PCA) of the pooled features: the two components shown and their share of the variance">
            Feature map: each dot is an image, placed by the backbone&apos;s features squeezed to two directions (they
            keep {pct(data.explained[0])} and {pct(data.explained[1])} of how the images differ)
            {data.failed.length
              ? ` · ${data.failed.length} unreadable image${data.failed.length > 1 ? 's' : ''} left out`
              : ''}
          </figcaption>
          {mixed && (
            // what a teacher or maker takes from the map, in a sentence: which classes it mixes
            <p className="hint" data-testid="map-verdict">
              {mixed}
            </p>
          )}
          {stale && (
            <p className="notice" data-testid="map-stale">
              This map is from before your last change to the images, classes, crop or backbone — show it again.
            </p>
          )}
          {view && (
            <Sized height={320}>
              <MapChart view={view} classes={classes} />
            </Sized>
          )}
          {view?.note && (
            <p className="hint" data-testid="map-sampled">
              {view.note}
            </p>
          )}
          {strays.length ? (
            <div data-testid="map-strays">
              <p className="hint">
                {allStrays.length} image{allStrays.length > 1 ? 's sit' : ' sits'} nearer another class&apos;s centre on
                this map{allStrays.length > strays.length ? `, the ${strays.length} deepest below` : ''}. The map keeps
                two of the features&apos; many directions: a hint where to look in the image review, not a mistake.
              </p>
              <ul className="map-strays" aria-label="Images nearer another class's centre on the feature map">
                {strays.map((o) => {
                  const at = found.get(o.id);
                  const name = at?.image.file.name ?? o.id;
                  return (
                    <li key={o.id}>
                      {at ? (
                        <Thumbnail file={at.image.file} url={urlOf(at.image)} alt="" size={STRAY_THUMB} square />
                      ) : (
                        <span
                          className="thumb-placeholder"
                          aria-hidden="true"
                          style={{ width: STRAY_THUMB, height: STRAY_THUMB }}
                        />
                      )}
                      <span className="map-stray-words">
                        <span className="map-stray-name">{name}</span>
                        <span className="hint">
                          {classes[o.label]} · sits nearer {classes[o.nearer]}
                        </span>
                      </span>
                      {at && (
                        <button
                          type="button"
                          aria-label={`Review ${name} in ${classes[o.label]}`}
                          onClick={() => setReviewing({ classId: at.classId, at: o.id })}
                        >
                          Review
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : (
            <p className="hint" data-testid="map-strays">
              Every image sits nearer its own class&apos;s centre than another&apos;s on this map.
            </p>
          )}
        </figure>
      )}
      {/* the class's own review, opened at the image: closed, the focus is back on its Review button */}
      {reviewing && (
        <ImageReview classId={reviewing.classId} startAt={reviewing.at} onClose={() => setReviewing(null)} />
      )}
    </div>
  );
}
