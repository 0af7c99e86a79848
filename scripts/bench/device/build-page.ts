// Builds the app and the bench page into one folder (argument, default dist-self-run) for
// `bench.html?self-run` on a machine that has a browser but no Node (see gpu-figures.sh).
import { resolve } from 'node:path';
import { buildAll } from '../server';

const root = resolve(import.meta.dirname, '../../..');
const outDir = resolve(process.argv[2] ?? 'dist-self-run');
await buildAll(root, outDir);
process.stdout.write(`built ${outDir}\n`);
