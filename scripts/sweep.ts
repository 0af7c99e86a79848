// The tuning suite: every recipe in scripts/sweep/recipes.ts over every shared dataset, both
// backbones and seeds 1-3, printed as one table (per dataset mean ± spread, and the suite mean).
//   npm run sweep                         every recipe (cached cells are reused)
//   npm run sweep -- --only 0,1,3         some recipes (row numbers); baselines always included
//   npm run sweep -- --write docs/accuracy.md [--block NAME]   (replaces <!-- NAME:begin --> … end)
//   npm run sweep -- --cached             the table from the cells measured so far (trains nothing;
//                                         --write refuses while a row has no measured cell)
// Features are extracted once per (backbone, dataset) into .sweep-cache/ (plain image, mirror,
// 90% crop, pooled at three depths), so a sweep trains heads only; fine-tuning rows also read the
// same views' activations at the freeze boundary of the top 1 and 2 blocks (extracted on first
// use, scripts/sweep/boundary-dump.ts), so they train only those blocks; each cell's accuracy is kept
// in .sweep-cache/results.json under a fingerprint of its recipe, so only changed recipes rerun.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { Backbone } from '../src/core/backbones/backbone';
import { readBoundary, writeBoundaries, type BoundaryRows } from './sweep/boundary-dump';
import { concatDumps, type Case } from './sweep/case';
import { loadCase, readDump, writeDump, type Dump } from './sweep/feature-dump';
import { JOINED, missingFolders, parseSweepArgs, SweepRefusal, writeRefusal, type SweepOptions } from './sweep/options';
import { RECIPES } from './sweep/recipes';
import { sweepTable, type Cell } from './sweep/table';

const DATASETS = ['imagenette-imagenetval', 'sign-language-digits', 'tf-flowers', 'intel-scenes'];
const BACKBONES = ['mobilenet-v2-0.35', 'mobilenet-v1-0.25'];
const BASELINES = [0, 1];
const CACHE = '.sweep-cache';

let v: SweepOptions;
try {
  v = parseSweepArgs(process.argv.slice(2), {
    recipes: RECIPES.map((r) => r.name),
    datasets: DATASETS,
    backbones: BACKBONES,
    baselines: BASELINES,
  });
} catch (err) {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exit(2);
}
const datasetsDir = process.env.STUDIO_DATASETS_DIR ?? '../shared/datasets';
const modelsDir = process.env.STUDIO_MODELS_DIR ?? '../shared/models';

// one small file per cell, so sweeps of different backbones can run side by side
const cellFile = (key: string) => `${CACHE}/results/${key.replaceAll('|', '_')}.json`;
const cell = async (key: string): Promise<Cell | undefined> =>
  existsSync(cellFile(key)) ? JSON.parse(await readFile(cellFile(key), 'utf8')) : undefined;
const results: Record<string, Cell> = {};
const fingerprint = (i: number) =>
  createHash('sha256')
    .update(JSON.stringify([RECIPES[i].name, RECIPES[i].spec]))
    .digest('hex')
    .slice(0, 12);
const log = (s: string) => process.stderr.write(s);

// fine-tuning rows: one backbone per process, the boundary activations of the current dataset
const loadedBackbones: Record<string, Promise<Backbone>> = {};
let boundaries: { key: string; rows: Map<number, BoundaryRows> } = { key: '', rows: new Map() };
const fineTuneSource = (backbone: string, dataset: string): Case['fineTune'] => ({
  backbone: () =>
    (loadedBackbones[backbone] ??= loadCase(modelsDir, datasetsDir, backbone, dataset).then((c) => c.backbone)),
  async boundary(unfreeze) {
    if (boundaries.key !== `${backbone}|${dataset}`) boundaries = { key: `${backbone}|${dataset}`, rows: new Map() };
    let rows = boundaries.rows.get(unfreeze) ?? (await readBoundary(CACHE, backbone, dataset, unfreeze));
    if (!rows) {
      log(`extracting ${backbone} boundary activations of ${dataset} (once)\n`);
      await writeBoundaries({ root: CACHE, datasetsDir, modelsDir, backboneId: backbone, dataset, log });
      rows = (await readBoundary(CACHE, backbone, dataset, unfreeze))!;
    }
    boundaries.rows.set(unfreeze, rows);
    return rows;
  },
});

// other input resolutions of the current (backbone, dataset), extracted on first use
let resized: { key: string; dumps: Map<string, Dump> } = { key: '', dumps: new Map() };
const dumpAt =
  (backbone: string, dataset: string) =>
  async (size: number, upsample = false): Promise<Dump> => {
    if (resized.key !== `${backbone}|${dataset}`) resized = { key: `${backbone}|${dataset}`, dumps: new Map() };
    const k = `${size}${upsample ? 'u' : ''}`;
    let dump = resized.dumps.get(k) ?? (await readDump(CACHE, backbone, dataset, size, upsample));
    if (!dump) {
      log(`extracting ${backbone} features of ${dataset} at ${k} px (once)\n`);
      const t0 = performance.now();
      await writeDump({ root: CACHE, datasetsDir, modelsDir, backboneId: backbone, dataset, log, size, upsample });
      log(
        `extracted in ${((performance.now() - t0) / 1000).toFixed(0)} s (load ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')})\n`,
      );
      dump = (await readDump(CACHE, backbone, dataset, size, upsample))!;
    }
    resized.dumps.set(k, dump);
    return dump;
  };

/** One backbone's features of a dataset at its declared size, extracted on first use. */
async function featureDump(backbone: string, dataset: string): Promise<Dump> {
  const dump = await readDump(CACHE, backbone, dataset);
  if (dump) return dump;
  log(`extracting ${backbone} features of ${dataset} (once)\n`);
  await writeDump({ root: CACHE, datasetsDir, modelsDir, backboneId: backbone, dataset, log });
  return (await readDump(CACHE, backbone, dataset))!;
}

// a TTA row reads its base row's cells: running the base row runs it
const trained = (i: number) => RECIPES[i].ttaOf ?? i;
/** Checked once, when the first cell has to be measured (a sweep of cached cells reads neither folder). */
let foldersChecked = false;
function checkFolders(): void {
  if (foldersChecked) return;
  const problem = missingFolders(
    [
      { what: 'datasets', path: datasetsDir, env: 'STUDIO_DATASETS_DIR' },
      { what: 'models', path: modelsDir, env: 'STUDIO_MODELS_DIR' },
    ],
    existsSync,
  );
  if (problem) throw new SweepRefusal(problem);
  foldersChecked = true;
}

/** Row i's measurement of one (dataset, backbone, seed), undefined when it has none. */
const rowCell =
  (i: number) =>
  (d: string, b: string, s: number): Cell | undefined => {
    const c = results[`${fingerprint(trained(i))}|${d}|${b}|${s}`];
    if (RECIPES[i].ttaOf === undefined) return c;
    return c?.tta === undefined ? undefined : { accuracy: c.tta };
  };

async function sweep(v: SweepOptions): Promise<void> {
  const { rows, seeds, datasets, backbones } = v;
  await tf.setBackend('wasm');
  await mkdir(`${CACHE}/results`, { recursive: true });
  for (const backbone of backbones) {
    for (const dataset of datasets) {
      let dump: Dump | null = null;
      for (const i of [...new Set(rows.map(trained))]) {
        for (const seed of seeds) {
          const key = `${fingerprint(i)}|${dataset}|${backbone}|${seed}`;
          const known = await cell(key);
          if (known) {
            results[key] = known;
            continue;
          }
          if (v.cached) continue;
          checkFolders();
          dump ??= concatDumps(await Promise.all(backbone.split(JOINED).map((b) => featureDump(b, dataset))));
          const t0 = performance.now();
          const r = await RECIPES[i].run({
            dump,
            seed,
            ...(!backbone.includes(JOINED) && {
              dumpAt: dumpAt(backbone, dataset),
              fineTune: fineTuneSource(backbone, dataset),
            }),
          });
          results[key] = { ...r, seconds: (performance.now() - t0) / 1000 };
          log(
            `${RECIPES[i].name} · ${dataset} · ${backbone} · seed ${seed}: ${r.accuracy.toFixed(4)}${r.tta === undefined ? '' : ` (TTA ${r.tta.toFixed(4)})`} (${results[key].seconds!.toFixed(1)} s)\n`,
          );
          await writeFile(cellFile(key), JSON.stringify(results[key]));
        }
      }
    }
  }

  const table = sweepTable(
    rows.map((i) => ({ name: RECIPES[i].name, cells: rowCell(i) })),
    { datasets, backbones, seeds },
  );
  process.stdout.write(table);
  if (v.write) {
    const refusal = writeRefusal(
      v.write,
      rows.map((i) => ({
        name: RECIPES[i].name,
        measured: datasets.flatMap((d) => backbones.flatMap((b) => seeds.filter((s) => rowCell(i)(d, b, s)))).length,
      })),
    );
    if (refusal) throw new SweepRefusal(refusal);
    const doc = await readFile(v.write, 'utf8').catch(() => '');
    const begin = `<!-- ${v.block}:begin -->`;
    const end = `<!-- ${v.block}:end -->`;
    const block = `${begin}\n${table}${end}`;
    await writeFile(
      v.write,
      doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), block) : `${doc}\n${block}\n`,
    );
  }
}

try {
  await sweep(v);
} catch (err) {
  // a plain line: the stack of a missing folder or a refused --write helped nobody
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exit(err instanceof SweepRefusal ? 2 : 1);
}
