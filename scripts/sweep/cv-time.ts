// Times the automatic recipe's cross-validation alone (chooseRecipe, wasm) on the sweep's cached
// features: tf-flowers (500 images, 400 in the training split, 2 cached views each), seed 1, both
// backbones, three runs each, with the load average beside each figure (the machine is shared).
//   npx tsx scripts/sweep/cv-time.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadavg } from 'node:os';
import { stratifiedSplit } from '../../src/core/data/split';
import { chooseRecipe, RECIPE_SHAPES } from '../../src/core/train/recipe';
import { DEFAULT_SETTINGS } from '../../src/core/train/settings';
import { rowsOf } from './case';
import { readDump } from './feature-dump';
import { GRID_TO_01 } from './grids';

await tf.setBackend('wasm');
for (const backbone of ['mobilenet-v1-0.25', 'mobilenet-v2-0.35']) {
  const dump = await readDump('.sweep-cache', backbone, 'tf-flowers');
  if (!dump) throw new Error(`no cached features of tf-flowers for ${backbone}: run npm run sweep first`);
  const split = stratifiedSplit(dump.labels, DEFAULT_SETTINGS.valSplit, 1);
  // today's default (the joined earlier map, the grid to L2 1) and the one before it, in turns, so
  // a busy minute hits both
  const cases = [
    {
      name: 'default: final + mid1, L2 to 1',
      train: rowsOf(dump, split.train, ['final', 'mid1']),
      shapes: RECIPE_SHAPES,
    },
    { name: 'before: final, L2 to 0.1', train: rowsOf(dump, split.train, ['final']), shapes: GRID_TO_01 },
  ];
  for (let run = 0; run < 3; run++) {
    for (const c of cases) {
      const choice = await chooseRecipe(
        { ...c.train, numClasses: dump.classes.length },
        { ...DEFAULT_SETTINGS, seed: 1 },
        { shapes: c.shapes },
      );
      process.stdout.write(
        `${backbone} (${c.name}): ${split.train.length} training images, ${choice.seconds.toFixed(1)} s (load ${loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(11, 16)} UTC)\n`,
      );
    }
  }
}
