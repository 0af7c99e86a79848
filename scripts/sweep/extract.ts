// Extracts the sweep's feature dumps ahead of a sweep, without training anything (a sweep would
// extract each on first use, between its cells): every dataset of one backbone at the sizes given.
//   npx tsx scripts/sweep/extract.ts --backbone mobilenet-v2-0.35 --sizes 224,320 [--datasets a,b]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { getBackboneSpec } from '../../src/core/backbones/registry';
import { dumpDir, readDump, writeDump } from './feature-dump';
import { withLock } from './lock';

const { values: v } = parseArgs({
  options: {
    backbone: { type: 'string' },
    sizes: { type: 'string', default: '224' },
    datasets: { type: 'string', default: 'imagenette-imagenetval,sign-language-digits,tf-flowers,intel-scenes' },
  },
});
const backboneId = v.backbone!;
const own = getBackboneSpec(backboneId).inputSize;
await tf.setBackend('wasm');
const log = (s: string) => process.stderr.write(s);
for (const size of v.sizes!.split(',').map(Number))
  for (const dataset of v.datasets!.split(',')) {
    const at = size === own ? undefined : size;
    const known = await readDump('.sweep-cache', backboneId, dataset, at);
    if (known?.extra?.grid) continue;
    // extractions side by side (one per core) skip a dump another one is writing
    const lock = `${dumpDir('.sweep-cache', backboneId, dataset, at)}.lock`;
    mkdirSync(dumpDir('.sweep-cache', backboneId, ''), { recursive: true });
    const t0 = performance.now();
    const ran = await withLock(lock, () =>
      writeDump({
        root: '.sweep-cache',
        datasetsDir: process.env.STUDIO_DATASETS_DIR ?? '../shared/datasets',
        modelsDir: process.env.STUDIO_MODELS_DIR ?? '../shared/models',
        backboneId,
        dataset,
        log,
        size: at,
      }),
    );
    if (!ran) continue;
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    log(`${backboneId} ${dataset} @${size}: ${((performance.now() - t0) / 1000).toFixed(0)} s (load ${load})\n`);
  }
