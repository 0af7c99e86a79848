// The throttled benchmark's adding phases alone (scripts/bench/throttled.ts addingFresh): the
// 500-image folder added on fresh 4× throttled pages, N times each way, one line per run with its
// load. A minute a run instead of the whole throttled phase's three, for work on adding.
//   tsx scripts/bench/adding.ts [runs] [picker,drop,folder input] [--no-build]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser';
import { loadNow } from './load';
import { buildAll, serve } from './server';
import { addingFresh, type AddingWay } from './throttled';
import { datasetFolder } from './ui-figures';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.env.BENCH_OUT_DIR ?? 'dist-bench';
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const runs = Number(args[0] ?? 3);
const ways = (args[1] ?? 'picker,drop').split(',') as AddingWay[];

if (!process.argv.includes('--no-build')) await buildAll(root, outDir);
const server = await serve(root, outDir);
const browser = await launch(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const folder = datasetFolder(resolve(root, '../shared/datasets/imagenette-imagenetval'), 50);
try {
  for (let i = 0; i < runs; i++)
    for (const how of ways) {
      const r = await addingFresh(browser, server.url, folder.dir, folder.classes, { perClass: 50, rate: 4 }, how);
      console.log(
        `${how}: longest task ${r.longestTaskMs} ms (${r.longTasks} long), frame delay p95 ${r.frameDelayP95Ms} ms (${r.frames} frames), ${r.seconds} s, long tasks [at ms, ms] ${JSON.stringify(r.longTasksAt)}; load ${loadNow()}; ${r.blame.slice(0, 4).join('; ')}`,
      );
    }
} finally {
  await Promise.all([browser.close(), server.close()]);
  folder.remove();
}
