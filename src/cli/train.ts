import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getBackboneSpec, type BackboneSpec } from '../core/backbones/registry';
import { skippedLine } from '../core/data/dataset-dir';
import { decodeImageFile } from '../core/data/decode-node';
import { FeatureCache } from '../core/features/cache';
import { exportRun, type FinishedRun } from '../core/export/assemble';
import { checkExportDir, writeExportDir } from '../core/export/node-writer';
import { checkMessage } from '../core/export/verify';
import type { PipelineEvent } from '../core/pipeline';
import { trainModel } from '../core/train-model';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { checkDataset, datasetImages, readCliDataset, skippedEntries } from './dataset';
import { backboneCandidates, loadCliBackbone } from './models';
import { checkOutputPaths } from './paths';
import { summarise, summaryText, type RunSummary } from './summary';

const log = (msg: string) => process.stderr.write(msg);

/** The same default the dev server uses: ../shared/models beside the repository, when it exists. */
function siblingModelsDir(): string | null {
  const dir = resolve(import.meta.dirname, '../../../shared/models');
  return existsSync(dir) ? dir : null;
}

function progress(e: PipelineEvent) {
  if (e.type === 'extract') log(`\rextracting features ${e.done}/${e.total}${e.done === e.total ? '\n' : ''}`);
  else if (e.type === 'recipe')
    log(`\rchoosing the head recipe (3-fold cross-validation) ${e.done}/${e.total}${e.done === e.total ? '\n' : ''}`);
  else if (e.type === 'skipped') log(`skipped ${e.id}: ${e.reason}\n`);
  else if (e.type === 'epoch') {
    const m = e.metrics;
    log(
      `epoch ${m.epoch}: loss ${m.loss.toFixed(4)} acc ${m.accuracy.toFixed(3)} val_loss ${m.valLoss.toFixed(4)} val_acc ${m.valAccuracy.toFixed(3)}\n`,
    );
  }
}

async function run(opts: CliOptions) {
  const t0 = performance.now();
  const spec = getBackboneSpec(opts.backbone);
  await checkOutputPaths(opts);
  const dataset = await readCliDataset(opts.datasetDir);
  const skipped = skippedLine(dataset.skipped);
  if (skipped) log(`${skipped}\n`);
  checkDataset(dataset, opts.datasetDir);
  const candidates = backboneCandidates(spec, opts.models, siblingModelsDir());
  await tf.setBackend(opts.backend);
  await tf.ready();
  log(`backend ${tf.getBackend()}, backbone ${spec.id}\n`);
  const { backbone, where } = await loadCliBackbone(spec, candidates, opts.models);
  log(`loaded ${spec.name} from ${where}\n`);
  const { images, pathOf } = datasetImages(dataset);
  const decode = (id: string) => decodeImageFile(pathOf.get(id)!);
  // `used`: the settings the delivered model was trained with (the automatic recipe's choice filled in)
  const {
    outcome,
    card,
    settings: used,
  } = await trainModel(
    { backbone: () => backbone, cache: new FeatureCache(), decode },
    {
      classes: dataset.classes,
      images,
      settings: opts.settings,
      onEvent: progress,
    },
  );
  const summary = summarise(
    spec.id,
    tf.getBackend(),
    outcome,
    opts.settings,
    (performance.now() - t0) / 1000,
    skippedEntries(dataset.skipped),
  );
  try {
    // the trained run's results before the export: an export that fails (an image moved or deleted
    // during a long run, a full disk) used to take the summary and the --json file with it
    process.stdout.write(summaryText(summary));
    if (opts.json) await writeFile(opts.json, JSON.stringify(summary, null, 2));
    if (opts.out) {
      const out = opts.out;
      const { head, classes, valPredictions: val } = outcome;
      const finished = { backbone, head, classes, settings: used, card, val, decode };
      await exportTo(out, finished, spec, summary).catch((err: unknown) => {
        throw new Error(`export to ${out} failed: ${(err as Error).message}`, { cause: err });
      });
    }
  } finally {
    outcome.head.dispose();
    backbone.dispose();
  }
}

/** Writes the finished run to `out` and reads it back against its golden pairs. */
async function exportTo(
  out: string,
  run: Omit<FinishedRun, 'name'>,
  spec: BackboneSpec,
  summary: RunSummary,
): Promise<void> {
  const { files, onnx, tflite, goldenSkipped } = await exportRun({ ...run, name: (id) => id.split('/').pop()! });
  for (const s of goldenSkipped) log(`golden pairs: skipped ${s.id}, which no longer decodes (${s.reason})\n`);
  files.set('run.json', JSON.stringify(summary, null, 2));
  const written = await writeExportDir(out, files);
  for (const converted of [onnx, tflite]) if (converted && 'refused' in converted) log(`${converted.refused}\n`);
  // a graph-model backbone has no layers to join to the head: say what there is instead of the usual files
  if (!files.has('model.json'))
    log(
      `${spec.name} is a graph model: no whole model.json, model.onnx or model.tflite; head/ runs on its pooled features\n`,
    );
  log(`model written to ${out}: ${written.join(', ')}\n`);
  const check = await checkExportDir(out, written);
  log(`${checkMessage(check)}\n`);
  if (!check.ok) throw new Error('the files written do not reproduce the trained model');
}

async function main() {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    const msg = (err as Error).message;
    process.stderr.write(`${msg ? `error: ${msg}\n\n` : ''}${USAGE}\n`);
    process.exit(msg ? 2 : 0);
  }
  try {
    await run(opts);
  } catch (err) {
    process.stderr.write(`\nerror: ${(err as Error).message}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  }
}

void main();
