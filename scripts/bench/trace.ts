// Where the page's main thread goes while a folder is added and a model trains: one studio run
// (the benchmark's UI flow) under a Chromium performance trace and the CDP sampling profiler,
// optionally CPU-throttled. Prints every long task with what ran inside it and the functions
// that took the most self time inside long tasks. BENCH_MINIFY=0 builds the app unminified, so the
// profile names the app's own functions and components (the timings are not the bench's then).
//   tsx scripts/bench/trace.ts [--categories a,b] [--rate 4] [--per-class 50] [--add input|drop|picker] [--until added|first|final] [--no-build] [--no-profile] [--out trace.json]
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dropFolder,
  installLongTaskObserver,
  launch,
  readLongTasks,
  resetLongTasks,
  resolveBeforeWindow,
  expectRunStarted,
  settledCentre,
  waitForAccuracy,
  waitForAdded,
  waitForStatus,
} from './browser';
import { standInFolderPicker } from '../../e2e/folder-picker';
import { loadNow } from './load';
import { buildAll, serve } from './server';
import { datasetFolder, openStudio } from './ui-figures';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const rate = Number(arg('rate', '1'));
const perClass = Number(arg('per-class', '50'));
const until = arg('until', 'final');
/** how the folder is added: the folder input, a drop onto the page (the entries API), or Add folders… through the folder picker (stood in for) */
const add = arg('add', 'input');
const out = arg('out', '');
const outDir = process.env.BENCH_OUT_DIR ?? 'dist-bench';
/** the sampling profiler costs the page's thread too: without it the trace's tasks are the benchmark's */
const profiling = !argv.includes('--no-profile');
/** more trace categories, comma-separated (e.g. disabled-by-default-cppgc for Blink's garbage collector) */
const extraCategories = arg('categories', '').split(',').filter(Boolean);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** the thread's CPU time in the event: under CPU throttling and a busy machine, what the task itself took */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}
interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function analyse(events: TraceEvent[], profile: Profile | null, from: number, to: number, title: string) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && hasTasks(e));
  function hasTasks(t: TraceEvent) {
    return events.some((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'TimerFire');
  }
  if (!main) throw new Error('no renderer main thread with timers in the trace');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ts >= from && e.ts < to);
  const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
  const inside = (t: TraceEvent, e: TraceEvent) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur!;
  const label = (e: TraceEvent) => {
    const d = (e.args?.data ?? {}) as Record<string, unknown>;
    if (e.name === 'FunctionCall')
      return `FunctionCall ${d.functionName || '(anon)'} ${String(d.url ?? '')
        .split('/')
        .pop()}:${d.lineNumber}:${d.columnNumber}`;
    if (e.name === 'EventDispatch') return `EventDispatch ${d.type}`;
    if (e.name === 'TimerFire') return `TimerFire`;
    return e.name;
  };
  const totals = new Map<string, number>();
  const rows: string[] = [];
  for (const t of tasks) {
    const kids = onMain.filter((e) => e !== t && e.ph === 'X' && inside(t, e) && (e.dur ?? 0) > 2000);
    // direct-ish children: the ones not inside another listed child
    const top = kids.filter((k) => !kids.some((o) => o !== k && inside(o, k) && o.dur! > k.dur!));
    const parts = top
      .filter((k) => k.dur! > 5000)
      .map((k) => `${label(k)} ${(k.dur! / 1000).toFixed(0)}`)
      .slice(0, 6);
    rows.push(
      `${((t.ts - from) / 1e6).toFixed(1)} s  ${(t.dur! / 1000).toFixed(0)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(0)} ms): ${parts.join(' | ')}`,
    );
    for (const k of kids)
      if (
        [
          'Layout',
          'UpdateLayoutTree',
          'Paint',
          'MajorGC',
          'MinorGC',
          'V8.GC_MC_BACKGROUND_MARKING',
          'ParseHTML',
          'PrePaint',
          'Layerize',
          'HitTest',
          'CommitLoad',
          'IntersectionObserverController::computeIntersections',
          'UpdateLayer',
          'RunMicrotasks',
        ].includes(k.name)
      )
        totals.set(k.name, (totals.get(k.name) ?? 0) + k.dur! / 1000);
    for (const k of top) totals.set(`top: ${label(k)}`, (totals.get(`top: ${label(k)}`) ?? 0) + k.dur! / 1000);
  }
  console.log(
    `\n== ${title}: ${tasks.length} long tasks on the main thread (longest ${Math.max(0, ...tasks.map((t) => t.dur! / 1000)).toFixed(0)} ms)`,
  );
  for (const r of rows.slice(0, 80)) console.log(`  ${r}`);
  console.log('\nin long tasks, by kind (ms):');
  for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${v.toFixed(0).padStart(7)}  ${k}`);
  if (!profile) return;
  // self time per function, only for samples that fall inside a long task
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  const selfAll = new Map<string, number>();
  let ts = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    ts += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const f = byId.get(profile.samples[i])!;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    selfAll.set(key, (selfAll.get(key) ?? 0) + dt);
    if (tasks.some((t) => ts >= t.ts && ts <= t.ts + t.dur!)) self.set(key, (self.get(key) ?? 0) + dt);
  }
  console.log('\nJS self time inside long tasks (ms):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${v.toFixed(0).padStart(7)}  ${k}`);
  console.log('\nJS self time overall (ms):');
  for (const [k, v] of [...selfAll].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${v.toFixed(0).padStart(7)}  ${k}`);
}

async function main() {
  if (!argv.includes('--no-build')) await buildAll(root, outDir);
  const server = await serve(root, outDir);
  const browser = await launch(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const folder = datasetFolder(resolve(root, '../shared/datasets/imagenette-imagenetval'), perClass);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await installLongTaskObserver(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await openStudio(page, server.url);
    const input = await resolveBeforeWindow(page.getByLabel('Add folders…'));
    const button = await resolveBeforeWindow(page.getByText('Add folders…', { exact: true }));
    let pick: { x: number; y: number } | null = null;
    if (add === 'picker') {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await standInFolderPicker(page, folder.dir);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      // the pointer rests on the button before the press, as the benchmark has it (throttled.ts)
      pick = await settledCentre(page, button);
    }
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    }
    await browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', ...extraCategories],
    });
    if (profiling) await cdp.send('Profiler.start');
    await resetLongTasks(page);
    const t0 = performance.now();
    if (add === 'drop') await dropFolder(page, folder.dir);
    else if (pick) await page.mouse.click(pick.x, pick.y);
    else await input.setInputFiles(folder.dir);
    await waitForAdded(page, folder.classes, perClass, 600_000);
    const adding = await readLongTasks(page);
    console.log(
      `added in ${((performance.now() - t0) / 1000).toFixed(1)} s; longest task ${adding.longest.toFixed(0)} ms (${adding.count})`,
    );
    const train = await resolveBeforeWindow(page.getByRole('button', { name: 'Train', exact: true }));
    // clicked where it is, as the benchmark does (throttled.ts)
    const at = await settledCentre(page, train);
    if (at.moved) console.log(`Train moved ${at.moved} px after the adding ended, before the click`);
    await resetLongTasks(page);
    if (until !== 'added') {
      await page.mouse.click(at.x, at.y);
      await expectRunStarted(train, at);
      await waitForAccuracy(page, 900_000);
    }
    console.log(`first model ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (until === 'final') await waitForStatus(page, 'Training finished', 900_000);
    console.log(`end ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const training = await readLongTasks(page);
    console.log(`training: longest ${training.longest.toFixed(0)} ms, ${training.count} long tasks; load ${loadNow()}`);
    const profile = profiling ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : null;
    const buf = await browser.stopTracing();
    const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    if (out) writeFileSync(out, buf);
    if (out && profile) writeFileSync(out.replace(/\.json$/, '') + '.cpuprofile', JSON.stringify(profile));
    const first = events.filter((e) => e.ts > 0).reduce((m, e) => Math.min(m, e.ts), Infinity);
    // the Train click (the run's last click: Add folders…'s click dispatches twice, on the label and
    // its button) splits adding from extraction and training
    const clicks = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    const click = until === 'added' ? Infinity : (clicks.at(-1)?.ts ?? first);
    analyse(events, profile, first, click, `adding (${add})`);
    if (until !== 'added') analyse(events, profile, click, Infinity, 'Train click, extraction and training');
    await context.close();
  } finally {
    folder.remove();
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
