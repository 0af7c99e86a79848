import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type LegendPayload,
  type TooltipContentProps,
} from 'recharts';
import { useInsight } from '../state/dataset-insight';
import { mapViewOf, SHOWN_STRAYS, type DrawnPoint, type MapView } from './embedding-points';
import { useClassesSoon } from './useProjectSoon';
import { WaitingButton } from './WaitingButton';
import { seriesColour, seriesFill, seriesHollow, seriesShape } from './series-style';

type Project = ReturnType<typeof useClassesSoon>;

/** the file names of those images in the project as it is now (a name changes without redrawing the map) */
function fileNames(project: Project, ids: Iterable<string>): Map<string, string> {
  const want = new Set(ids);
  const names = new Map<string, string>();
  if (!want.size) return names;
  for (const c of project) for (const i of c.images) if (want.has(i.id)) names.set(i.id, i.file.name);
  return names;
}

/** a hovered point: its image's name looked up now, its class as the map has it */
function PointTip({ active, payload, classes }: Partial<TooltipContentProps> & { classes: readonly string[] }) {
  const project = useClassesSoon();
  const point = active ? (payload?.[0]?.payload as DrawnPoint | undefined) : undefined;
  if (!point) return null;
  const name = fileNames(project, [point.id]).get(point.id) ?? point.id;
  return (
    <div className="recharts-default-tooltip" style={{ background: '#fff', border: '1px solid #ccc', padding: 8 }}>
      <strong>{name}</strong>
      <br />
      {classes[point.cls]} · PC 1 {point.x.toFixed(2)} · PC 2 {point.y.toFixed(2)}
    </div>
  );
}

// recharts colours a legend label with the series' fill, white for a hollow one
const legendLabel = (value: unknown, entry: LegendPayload) => (
  <span style={{ color: entry.dot?.stroke ?? entry.color }}>{String(value)}</span>
);

/**
 * The scatter itself, apart so that a project change (a rename, a move, a webcam recording's 10
 * commits a second) re-renders the panel around it but not its points: they come from the map's
 * data and classes only.
 */
const MapChart = memo(function MapChart({ view, classes }: { view: MapView; classes: readonly string[] }) {
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="x" name="PC 1" tickFormatter={(v: number) => v.toFixed(1)} />
        <YAxis type="number" dataKey="y" name="PC 2" tickFormatter={(v: number) => v.toFixed(1)} />
        <Tooltip content={<PointTip classes={classes} />} />
        <Legend formatter={legendLabel} />
        {view.series.map((s, k) => (
          <Scatter
            key={`${k}-${s.name}`}
            name={s.name}
            data={s.points}
            fill={seriesFill(k)}
            stroke={seriesHollow(k) ? seriesColour(k) : undefined}
            shape={seriesShape(k)}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
});

/** The pooled features in 2-D (PCA): classes that separate here are easy for the head. */
export function EmbeddingView({ disabled, describedBy }: { disabled: boolean; describedBy?: string }) {
  const { status, progress, data, classes, error, stale } = useInsight((s) => s.embedding);
  const showEmbedding = useInsight((s) => s.showEmbedding);
  const project = useClassesSoon();
  const view = data ? mapViewOf(data, classes) : null;
  // what a pointer finds by hovering, in words: the images that sit among another class
  const allStrays = view?.strays ?? [];
  const strays = allStrays.slice(0, SHOWN_STRAYS);
  const names = fileNames(
    project,
    strays.map((o) => o.id),
  );
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
          Show feature map (PCA)
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
          aria-label={`Feature map (PCA), ${data.points.length} images in ${classes.length} classes`}
          data-points={data.points.length}
        >
          <figcaption>
            Feature map: the backbone&apos;s features projected on their two main directions ({pct(data.explained[0])}{' '}
            and {pct(data.explained[1])} of the variance)
            {data.failed.length
              ? ` · ${data.failed.length} unreadable image${data.failed.length > 1 ? 's' : ''} left out`
              : ''}
          </figcaption>
          {stale && (
            <p className="notice" data-testid="map-stale">
              This map is from before your last change to the images, classes, crop or backbone — show it again.
            </p>
          )}
          {view && <MapChart view={view} classes={classes} />}
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
              <table className="map-strays" aria-label="Images nearer another class's centre on the feature map">
                <thead>
                  <tr>
                    <th scope="col">image</th>
                    <th scope="col">class</th>
                    <th scope="col">sits nearer</th>
                  </tr>
                </thead>
                <tbody>
                  {strays.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">{names.get(o.id) ?? o.id}</th>
                      <td>{classes[o.label]}</td>
                      <td>{classes[o.nearer]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="hint" data-testid="map-strays">
              Every image sits nearer its own class&apos;s centre than another&apos;s on this map.
            </p>
          )}
        </figure>
      )}
    </div>
  );
}
