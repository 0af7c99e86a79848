export interface Cell {
  accuracy: number;
  /** the same head on mirror-averaged validation features */
  tta?: number;
  chose?: string;
  seconds?: number;
}

interface Row {
  name: string;
  cells: (dataset: string, backbone: string, seed: number) => Cell | undefined;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) =>
  xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)) : 0;
const pct = (x: number) => (100 * x).toFixed(1);

/**
 * Markdown table: one row per recipe; per dataset the mean validation accuracy over backbones ×
 * seeds ± its standard deviation, then the suite mean (mean of the dataset means), and its gap to
 * the best of the two baselines (rows 0 and 1).
 */
export function sweepTable(
  rows: Row[],
  { datasets, backbones, seeds }: { datasets: string[]; backbones: string[]; seeds: number[] },
): string {
  const stats = rows.map((r) => {
    const per = datasets.map((d) =>
      backbones
        .flatMap((b) => seeds.map((s) => r.cells(d, b, s)?.accuracy))
        .filter((x): x is number => x !== undefined),
    );
    const perBackbone = backbones.map((b) =>
      mean(datasets.flatMap((d) => seeds.map((s) => r.cells(d, b, s)?.accuracy ?? NaN))),
    );
    const complete = per.every((xs) => xs.length === backbones.length * seeds.length);
    return { per, perBackbone, suite: complete ? mean(per.map(mean)) : NaN };
  });
  const baseline = Math.max(stats[0]?.suite ?? NaN, stats[1]?.suite ?? NaN);
  const head = ['recipe', ...datasets, 'suite mean', ...backbones.map((b) => `mean ${b}`), 'vs best baseline'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  rows.forEach((r, i) => {
    const s = stats[i];
    // a cell measured on fewer backbone × seed runs than asked says on how many
    const full = backbones.length * seeds.length;
    const cols = s.per.map((xs) =>
      xs.length ? `${pct(mean(xs))} ± ${pct(sd(xs))}${xs.length < full ? ` (n=${xs.length})` : ''}` : '—',
    );
    const gap = i > 1 && Number.isFinite(s.suite) ? `${s.suite >= baseline ? '+' : ''}${pct(s.suite - baseline)}` : '';
    lines.push(
      `| ${[r.name, ...cols, Number.isFinite(s.suite) ? pct(s.suite) : '—', ...s.perBackbone.map((x) => (Number.isFinite(x) ? pct(x) : '—')), gap].join(' | ')} |`,
    );
  });
  return `Validation accuracy (%), mean ± standard deviation over ${backbones.length} backbone${backbones.length === 1 ? '' : 's'} × seeds ${seeds.join(', ')}; 80/20 stratified split per seed.\n\n${lines.join('\n')}\n`;
}
