// The readable side of the result: Markdown tables, so the README's Performance section is a paste.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { BenchResult } from './result';

const num = (v: unknown, digits = 1, unit = '') =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(digits)}${unit}` : '—';

function loadText(load: unknown): string {
  if (typeof load === 'number') return load.toFixed(2);
  if (Array.isArray(load) && load.length)
    return load.map((v) => (typeof v === 'number' ? v.toFixed(2) : '?')).join(', ');
  return '—';
}

const spread = (q: unknown) => (Array.isArray(q) ? `×${num(q[0], 2)}–${num(q[1], 2)}` : '—');

export function renderTable(r: BenchResult): string {
  const m = r.machine;
  const lines: string[] = [];
  const backends = Object.entries(m.backends ?? {})
    .map(
      ([name, b]) =>
        `${name} ${b.ok ? `ok${b.adapter ? ` (${b.adapter}${b.software ? ', software' : ''})` : ''}` : `unavailable${b.note ? ` (${b.note})` : ''}`}`,
    )
    .join(' · ');
  lines.push(
    `Transfer Studio benchmark, ${r.date} · ${m.browser ?? 'browser ?'} · ${m.cores ?? '?'} cores · ${m.node} · ${r.quick ? 'QUICK run (tiny inputs, one run each: not quotable)' : 'full run'} · ${num(r.totalSeconds, 0)} s`,
  );
  const load = m.loadAverage1m as { start: number; end: number } | undefined;
  lines.push(
    `Backends: ${backends || '—'}; the studio picked ${m.defaultBackend ?? '?'}.${load ? ` Load average (1 min) ${load.start} at start, ${load.end} at end.` : ''}`,
  );
  const busy = m.busy as { processes: number } | undefined;
  if (busy)
    lines.push(`Busy machine: ${busy.processes} CPU-bound process(es) beside the benchmark, each in its own session.`);
  lines.push('');
  lines.push('| figure | value | backend | how measured | load (1 min) |');
  lines.push('| --- | --- | --- | --- | --- |');
  // each row ends with the load average it was taken under (other people's jobs share the cores)
  const row = (cells: string, load: unknown) => lines.push(`${cells} ${loadText(load)} |`);
  const e = r.extraction as any;
  row(
    `| extraction, whole pipeline (decode, crop, resize, backbone) | ${num(e.pipelineImagesPerSec)} images/s | ${e.backend ?? '—'} | ${e.images ?? '?'} imagenette photos, batch ${e.batch ?? '?'}, median of ${e.runs ?? '?'} after ${e.warmup ?? '?'} warm-up, interleaved with the raw forward |`,
    e.loadAverage1m,
  );
  row(
    `| extraction, raw model forward | ${num(e.rawModelImagesPerSec)} images/s | ${e.backend ?? '—'} | same images, batch and engine, in turns with the pipeline |`,
    e.loadAverage1m,
  );
  row(`| extraction, pipeline ÷ raw | ${num(e.ratio, 2)} | | |`, e.loadAverage1m);
  // one row per backbone measured; a run without the phase still shows the row, empty
  const depths = Object.values(r.featureDepthsByBackbone ?? {});
  for (const d of depths.length ? depths : [r.featureDepths as any]) {
    row(
      `| forward pass, feature layer only → two depths (${d.backbone ?? 'backbone ?'}, ${d.plainFeatures ?? '?'} → ${d.joinedFeatures ?? '?'} features) | batch 1: ${num(d.plainMsBatch1, 2)} → ${num(d.joinedMsBatch1, 2, ' ms')} (×${num(d.ratioBatch1, 2)}); batch 16: ${num(d.plainMsBatch16, 1)} → ${num(d.joinedMsBatch16, 1, ' ms')} (×${num(d.ratioBatch16, 2)}) | ${d.backend ?? '—'} | random inputs, the two models in turns (every other pair two depths first), read back; median of ${d.runs?.batch1 ?? '?'} / ${d.runs?.batch16 ?? '?'} pairs after ${d.warmup ?? '?'} warm-up pair; middle half of the pairs' own ratios ${spread(d.pairRatioQuartilesBatch1)} / ${spread(d.pairRatioQuartilesBatch16)} |`,
      d.loadAverage1m,
    );
  }
  const f = r.finetune as any;
  row(
    `| fine-tune epoch, last ${f.unfrozenBlocks ?? 2} blocks, boundary-cached | ${num(f.cachedEpochSeconds, 2, ' s')} | ${f.backend ?? '—'} (Node) | ${f.images ?? '?'} images, batch ${f.batch ?? '?'}, median of ${f.runs ?? '?'}, one warm-up step each, in turns with the next row |`,
    f.loadAverage1m,
  );
  row(
    `| fine-tune epoch, frozen prefix re-run every step | ${num(f.naiveEpochSeconds, 2, ' s')} | ${f.backend ?? '—'} (Node) | same |`,
    f.loadAverage1m,
  );
  row(`| fine-tune speedup from the boundary cache | ${num(f.speedup, 2, '×')} | | |`, f.loadAverage1m);
  const t = r.timeToFirstModel as any;
  row(
    `| time to first model (folder drop → first validation accuracy shown) | ${num(t.seconds, 1, ' s')} (val. accuracy ${num(t.valAccuracy * 100, 1, '%')}) | ${t.backend ?? '—'} | ${t.images ?? '?'} images in the UI, studio defaults; median of ${t.runs ?? '?'} first visits |`,
    t.loadAverage1m,
  );
  const tfin = r.timeToFinalModel as any;
  row(
    `| time to final model (folder drop → 'Training finished', augmented views) | ${num(tfin.seconds, 1, ' s')} (val. accuracy ${num(tfin.valAccuracy * 100, 1, '%')}) | ${tfin.backend ?? '—'} | same runs; extraction (images and views) ${num(t.extractSeconds, 1, ' s')}, training ${num(t.trainSeconds, 1, ' s')} (the results' own split) |`,
    tfin.loadAverage1m,
  );
  const l = r.mainThreadLongTasks as any;
  row(
    `| main thread, longest task during extraction + training | ${num(r.mainThreadLongestTaskMs, 0, ' ms')} | ${t.backend ?? '—'} | PerformanceObserver('longtask'), median of ${l?.runs ?? '?'} runs (worst ${num(l?.worstMs, 0, ' ms')}; while adding the images ${num(l?.addingImagesLongestMs, 0, ' ms')}) |`,
    l?.loadAverage1m,
  );
  const th = r.throttled4x as any;
  row(
    `| main thread under ${th.rate ?? 4}× CPU throttling, longest task while adding, extracting, training | ${num(r.mainThreadLongestTaskMs4x, 0, ' ms')} | ${th.backend ?? '—'} | CDP Emulation.setCPUThrottlingRate, ${th.images ?? '?'} images, defaults to the end, one run: adding with Add folders… (folder picker) ${num(th.adding?.longestTaskMs, 0, ' ms')}, extraction + training ${num(th.extractionAndTraining?.longestTaskMs, 0, ' ms')} (${th.extractionAndTraining?.longTasks ?? '?'} long tasks); adding by a drop onto the page instead ${num(th.addingByDrop?.longestTaskMs, 0, ' ms')} (${th.addingByDrop?.longTasks ?? '?'} long tasks), through the folder input ${num(th.addingByFolderInput?.longestTaskMs, 0, ' ms')} (Chromium building its file list) |`,
    th.loadAverage1m,
  );
  row(
    `| frame delay p95 under ${th.rate ?? 4}× throttling | ${num(th.frameDelayP95Ms, 1, ' ms')} | ${th.backend ?? '—'} | time between rendered frames (requestAnimationFrame), same run; adding ${num(th.adding?.frameDelayP95Ms, 1, ' ms')} (by a drop ${num(th.addingByDrop?.frameDelayP95Ms, 1, ' ms')}); long animation frames: adding ${th.adding?.longAnimationFrames ?? '?'} (longest ${num(th.adding?.longestAnimationFrameMs, 0, ' ms')}), extraction + training ${th.extractionAndTraining?.longAnimationFrames ?? '?'} (longest ${num(th.extractionAndTraining?.longestAnimationFrameMs, 0, ' ms')}); first model ${num(th.timeToFirstModelSeconds, 1, ' s')}, final ${num(th.timeToFinalModelSeconds, 1, ' s')} |`,
    th.loadAverage1m,
  );
  const w = r.webcam as any;
  row(
    `| webcam, live classification | ${num(w.fps, 1, ' frames/s')} | ${w.backend ?? '—'} | fake camera 640×480, median of ${w.samples ?? '?'} samples of ${w.sampleSeconds ?? '?'} s after warm-up |`,
    w.loadAverage1m,
  );
  row(
    `| webcam, model forward alone | ${num(w.rawFps, 1, '/s')} (${num(w.modelMs, 1, ' ms')}) | ${w.backend ?? '—'} | same page, same sampling windows; live ÷ raw ${num(w.ratio, 2)}; in turns with the model alone (bench page worker, windows of the same length): ${num(w.fpsInTurns, 1)} against ${num(w.rawFpsInTurns, 1, '/s')}, live ÷ raw ${num(w.ratioInTurns, 2)} |`,
    w.loadAverage1m,
  );
  row(
    `| webcam under 4× CPU throttling, live ÷ raw | ${num(w.ratio4x, 2)} (${num(w.fps4x, 1, ' frames/s')} of ${num(w.rawFps4x, 1, '/s')}) | ${w.backend ?? '—'} | same page after the 1× samples |`,
    w.loadAverage1m4x,
  );
  const pg = r.page as any;
  row(
    `| page's own JavaScript (gzip) | ${num(pg.jsGzipBytes / 1024, 0, ' KB')} (${num(pg.jsBytes / 1024, 0, ' KB')} raw, ${pg.files?.length ?? '?'} files) | | scripts the page fetched on a first visit; the worker's are its own |`,
    undefined,
  );
  row(
    `| navigation → interactive (backbone ready) | ${num(pg.timeToInteractiveSeconds, 2, ' s')} | ${t.backend ?? '—'} | fresh browser context, median of the first-model runs |`,
    t.loadAverage1m,
  );
  const k = r.leak as any;
  row(
    `| tensors before → after ${k.cycles?.length ?? 3} train/evaluate/export cycles | ${k.tensorsBefore ?? '—'} → ${k.tensorsAfter ?? '—'} | ${k.backend ?? '—'} (Node) | ${k.dataset ?? ''}, ${k.epochs ?? '?'} epochs each |`,
    k.loadAverage1m,
  );
  const x = r.export as any;
  row(
    `| ONNX export (model.onnx written from the standalone model) | ${num(x.onnxMs, 0, ' ms')}, ${num(x.onnxBytes / 1e6, 2, ' MB')} | (Node) | ${x.backbone ?? '?'} + ${x.head ?? 'head'}, median of ${x.runs ?? '?'} after a warm-up; MobileNetV2 α0.35: ${num(x['mobilenet-v2-0.35']?.onnxMs, 0, ' ms')}, ${num(x['mobilenet-v2-0.35']?.onnxBytes / 1e6, 2, ' MB')} |`,
    x.loadAverage1m,
  );
  row(
    `| TFLite export (model.tflite written from the standalone model) | ${num(x.tfliteMs, 0, ' ms')}, ${num(x.tfliteBytes / 1e6, 2, ' MB')} | (Node) | as above; MobileNetV2 α0.35: ${num(x['mobilenet-v2-0.35']?.tfliteMs, 0, ' ms')}, ${num(x['mobilenet-v2-0.35']?.tfliteBytes / 1e6, 2, ' MB')} |`,
    x.loadAverage1m,
  );
  lines.push('');
  lines.push(
    '| backend | forward, batch 1 | forward, batch 16 | head epoch | fine-tune step (last 2 blocks) | two depths ÷ one, b1 / b16 | runs (b1/b16/head/step) | load (1 min) |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, b] of Object.entries(r.perBackend)) {
    const probe = m.backends?.[name];
    // a GPU backend's row names its adapter: software renderers say nothing about a real GPU
    const gpu = name === 'webgpu' || name === 'webgl';
    const adapter = gpu
      ? ` (${probe?.adapter ?? 'adapter unknown'}, ${probe?.software ? 'software' : probe?.software === false ? 'hardware' : 'hardware or software unknown'})`
      : '';
    const runs = ['forwardMsBatch1', 'forwardMsBatch16', 'headEpochSeconds', 'finetuneStepSeconds']
      .map((key) => b.runs?.[key] ?? '—')
      .join('/');
    lines.push(
      `| ${name}${adapter} | ${num(b.forwardMsBatch1, 1, ' ms')} | ${num(b.forwardMsBatch16, 0, ' ms')} | ${num(b.headEpochSeconds, 2, ' s')} | ${num(b.finetuneStepSeconds, 2, ' s')} | ${num(b.featureDepths?.ratioBatch1, 2)} / ${num(b.featureDepths?.ratioBatch16, 2)} | ${runs}${b.reason ? `; ${b.reason}` : ''} | ${loadText(b.loadAverage1m)} |`,
    );
  }
  const any = Object.values(r.perBackend)[0] as any;
  if (any)
    lines.push(
      `\nHead epoch: ${any.headEpochRows ?? '?'} random 256-wide features, batch 32, studio head. Fine-tune step: batch ${any.finetuneStepBatch ?? '?'} of boundary activations (conv_pw_11_relu), fast ops. Medians after 1 warm-up; ${r.plan.perBackend.budgetMs ? `up to ${r.plan.perBackend.runs} runs, fewer (at least ${Math.min(3, r.plan.perBackend.runs)}) once a figure has taken ${r.plan.perBackend.budgetMs / 1000} s, and none past ${(3 * r.plan.perBackend.budgetMs) / 1000} s` : 'one run each'}.`,
    );
  if (r.errors.length) lines.push(`\nFailed parts: ${r.errors.join('; ')}`);
  return lines.join('\n');
}
