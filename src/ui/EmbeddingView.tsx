import { useMemo } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useInsight } from '../state/dataset-insight';
import { useClassesSoon } from './useProjectSoon';
import { WaitingButton } from './WaitingButton';

const COLORS = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#4b5563',
  '#ea580c',
];

/** The pooled features in 2-D (PCA): classes that separate here are easy for the head. */
export function EmbeddingView({ disabled }: { disabled: boolean }) {
  const { status, progress, data, classes, error } = useInsight((s) => s.embedding);
  const showEmbedding = useInsight((s) => s.showEmbedding);
  const project = useClassesSoon();
  const series = useMemo(() => {
    if (!data) return [];
    const names = new Map(project.flatMap((c) => c.images.map((i) => [i.id, i.file.name] as const)));
    return classes.map((name, label) => ({
      name,
      points: data.points
        .filter((p) => p.label === label)
        .map((p) => ({ x: p.x, y: p.y, file: names.get(p.id) ?? p.id })),
    }));
  }, [data, classes, project]);
  const pct = (f: number | undefined) => `${((f ?? 0) * 100).toFixed(0)}%`;
  return (
    <div>
      <div className="row">
        <WaitingButton onClick={() => void showEmbedding()} disabled={disabled} waiting={status === 'running'}>
          Show feature map (PCA)
        </WaitingButton>
        {status === 'running' && (
          <progress aria-label="Feature map extraction" max={Math.max(1, progress.total)} value={progress.done} />
        )}
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
          <ResponsiveContainer width="100%" height={320}>
            <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey="x" name="PC 1" tickFormatter={(v: number) => v.toFixed(1)} />
              <YAxis type="number" dataKey="y" name="PC 2" tickFormatter={(v: number) => v.toFixed(1)} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(2) : String(v))} />
              <Legend />
              {series.map((s, k) => (
                <Scatter
                  key={`${k}-${s.name}`}
                  name={s.name}
                  data={s.points}
                  fill={COLORS[k % COLORS.length]}
                  isAnimationActive={false}
                />
              ))}
            </ScatterChart>
          </ResponsiveContainer>
        </figure>
      )}
    </div>
  );
}
