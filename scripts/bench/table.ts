// The readable side of the result: Markdown tables, so the README's Performance section is a paste.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { BenchResult } from './result';

const num = (v: unknown, digits = 1, unit = '') => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(digits)}${unit}` : '—');

export function renderTable(r: BenchResult): string {
  const m = r.machine;
  const lines: string[] = [];
  const backends = Object.entries(m.backends ?? {})
    .map(([name, b]) => `${name} ${b.ok ? `ok${b.adapter ? ` (${b.adapter}${b.software ? ', software' : ''})` : ''}` : `unavailable${b.note ? ` (${b.note})` : ''}`}`)
    .join(' · ');
  lines.push(`Transfer Studio benchmark, ${r.date} · ${m.browser ?? 'browser ?'} · ${m.cores ?? '?'} cores · ${m.node} · ${r.quick ? 'QUICK run (tiny inputs, one run each: not quotable)' : 'full run'} · ${num(r.totalSeconds, 0)} s`);
  const load = m.loadAverage1m as { start: number; end: number } | undefined;
  lines.push(`Backends: ${backends || '—'}; the studio picked ${m.defaultBackend ?? '?'}.${load ? ` Load average (1 min) ${load.start} at start, ${load.end} at end.` : ''}`);
  lines.push('');
  lines.push('| figure | value | backend | how measured |');
  lines.push('| --- | --- | --- | --- |');
  const e = r.extraction as any;
  lines.push(`| extraction, whole pipeline (decode, crop, resize, backbone) | ${num(e.pipelineImagesPerSec)} images/s | ${e.backend ?? '—'} | ${e.images ?? '?'} imagenette photos, batch ${e.batch ?? '?'}, median of ${e.runs ?? '?'} after ${e.warmup ?? '?'} warm-up |`);
  lines.push(`| extraction, raw model forward | ${num(e.rawModelImagesPerSec)} images/s | ${e.backend ?? '—'} | same batch and engine, same run |`);
  lines.push(`| extraction, pipeline ÷ raw | ${num(e.ratio, 2)} | | |`);
  const f = r.finetune as any;
  lines.push(`| fine-tune epoch, last ${f.unfrozenBlocks ?? 2} blocks, boundary-cached | ${num(f.cachedEpochSeconds, 2, ' s')} | ${f.backend ?? '—'} (Node) | ${f.images ?? '?'} images, batch ${f.batch ?? '?'}, median of ${f.runs ?? '?'}, one warm-up step each |`);
  lines.push(`| fine-tune epoch, frozen prefix re-run every step | ${num(f.naiveEpochSeconds, 2, ' s')} | ${f.backend ?? '—'} (Node) | same |`);
  lines.push(`| fine-tune speedup from the boundary cache | ${num(f.speedup, 2, '×')} | | |`);
  const t = r.timeToFirstModel as any;
  lines.push(`| time to first model (folder drop → validation accuracy shown) | ${num(t.seconds, 1, ' s')} (val. accuracy ${num(t.valAccuracy * 100, 1, '%')}) | ${t.backend ?? '—'} | ${t.images ?? '?'} images in the UI, studio defaults; extract ${num(t.extractSeconds, 1, ' s')}, train ${num(t.trainSeconds, 1, ' s')}; median of ${t.runs ?? '?'} first visits |`);
  const l = r.mainThreadLongTasks as any;
  lines.push(`| main thread, longest task during extraction + training | ${num(r.mainThreadLongestTaskMs, 0, ' ms')} | ${t.backend ?? '—'} | PerformanceObserver('longtask'), median of ${l?.runs ?? '?'} runs (worst ${num(l?.worstMs, 0, ' ms')}; while adding the images ${num(l?.addingImagesLongestMs, 0, ' ms')}) |`);
  const w = r.webcam as any;
  lines.push(`| webcam, live classification | ${num(w.fps, 1, ' frames/s')} | ${w.backend ?? '—'} | fake camera 640×480, median of ${w.samples ?? '?'} samples of ${w.sampleSeconds ?? '?'} s after warm-up |`);
  lines.push(`| webcam, model forward alone | ${num(w.rawFps, 1, '/s')} (${num(w.modelMs, 1, ' ms')}) | ${w.backend ?? '—'} | same page; live ÷ raw ${num(w.ratio, 2)} |`);
  const k = r.leak as any;
  lines.push(`| tensors before → after ${k.cycles?.length ?? 3} train/evaluate/export cycles | ${k.tensorsBefore ?? '—'} → ${k.tensorsAfter ?? '—'} | ${k.backend ?? '—'} (Node) | ${k.dataset ?? ''}, ${k.epochs ?? '?'} epochs each |`);
  lines.push('');
  lines.push('| backend | forward, batch 1 | forward, batch 16 | head epoch | fine-tune step (last 2 blocks) | runs (b1/b16/head/step) |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const [name, b] of Object.entries(r.perBackend)) {
    const adapter = m.backends?.[name]?.software ? ' (software)' : '';
    const runs = ['forwardMsBatch1', 'forwardMsBatch16', 'headEpochSeconds', 'finetuneStepSeconds'].map((key) => b.runs?.[key] ?? '—').join('/');
    lines.push(
      `| ${name}${adapter} | ${num(b.forwardMsBatch1, 1, ' ms')} | ${num(b.forwardMsBatch16, 0, ' ms')} | ${num(b.headEpochSeconds, 2, ' s')} | ${num(b.finetuneStepSeconds, 2, ' s')} | ${runs}${b.reason ? `; ${b.reason}` : ''} |`,
    );
  }
  const any = Object.values(r.perBackend)[0] as any;
  if (any) lines.push(`\nHead epoch: ${any.headEpochRows ?? '?'} random 256-wide features, batch 32, studio head. Fine-tune step: batch ${any.finetuneStepBatch ?? '?'} of boundary activations (conv_pw_11_relu), fast ops. Medians after 1 warm-up; ${r.plan.perBackend.budgetMs ? `up to ${r.plan.perBackend.runs} runs, fewer (at least ${Math.min(3, r.plan.perBackend.runs)}) once a figure has taken ${r.plan.perBackend.budgetMs / 1000} s, and none past ${(3 * r.plan.perBackend.budgetMs) / 1000} s` : 'one run each'}.`);
  if (r.errors.length) lines.push(`\nFailed parts: ${r.errors.join('; ')}`);
  return lines.join('\n');
}
