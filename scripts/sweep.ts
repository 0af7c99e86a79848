// Hyper-parameter sweep for choosing the studio defaults: extracts each (dataset, backbone) once,
// then trains heads with each setting from the shared feature cache. Usage:
//   [SWEEP_DATASETS=a,b] [SWEEP_BACKBONES=x,y] npx tsx scripts/sweep.ts '<json array of partial settings>' [seeds]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { loadBackbone } from '../src/core/backbones/load';
import { dirModelFiles } from '../src/core/backbones/node-files';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import { decodeImageFile } from '../src/core/data/decode-node';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline } from '../src/core/pipeline';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';

const models = process.env.STUDIO_MODELS_DIR ?? '../shared/models';
const datasets = process.env.STUDIO_DATASETS_DIR ?? '../shared/datasets';
const variants = JSON.parse(process.argv[2] ?? '[{}]') as object[];
const seeds = (process.argv[3] ?? '1').split(',').map(Number);

await tf.setBackend('wasm');
const only = (list: string[], env?: string) => (env ? list.filter((x) => env.split(',').includes(x)) : list);
for (const ds of only(['sign-language-digits', 'imagenette-imagenetval'], process.env.SWEEP_DATASETS)) {
  const data = await readDatasetDir(join(datasets, ds));
  for (const id of only(['mobilenet-v1-0.25', 'mobilenet-v2-0.35'], process.env.SWEEP_BACKBONES)) {
    const spec = getBackboneSpec(id);
    const { backbone } = await loadBackbone(spec, [{ source: 'local', files: dirModelFiles(join(models, dirname(spec.localPath))) }]);
    const cache = new FeatureCache();
    for (const v of variants) {
      const accs: number[] = [];
      for (const seed of seeds) {
        const o = await trainPipeline({
          backbone, classes: data.classes, cache,
          images: data.files.map((f) => ({ id: f.path, label: f.label })),
          decode: decodeImageFile,
          settings: { ...DEFAULT_SETTINGS, ...v, seed },
        });
        accs.push(o.valAccuracy);
        o.head.dispose();
      }
      const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
      console.log(JSON.stringify({ ds, id, v, mean: +mean.toFixed(4), accs }));
    }
    backbone.dispose();
  }
}
