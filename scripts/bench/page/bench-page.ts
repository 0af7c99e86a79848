// Opt-in page for `npm run bench`: Playwright calls window.studioBench.* to run the raw-model
// figures in a fresh worker per backend. The app itself is measured through its own UI.
import * as Comlink from 'comlink';
import type { BenchWorkerApi } from './bench.worker';
import { selfRun } from './self-run';

type Remote = Comlink.Remote<BenchWorkerApi>;

let current: { worker: Worker; api: Remote } | null = null;

function open(): Remote {
  close();
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
  current = { worker, api: Comlink.wrap<BenchWorkerApi>(worker) };
  return current.api;
}

function close() {
  current?.worker.terminate();
  current = null;
}

function api(): Remote {
  if (!current) throw new Error('open a backend first');
  return current.api;
}

async function blobsFrom(urls: string[]): Promise<Blob[]> {
  return Promise.all(urls.map(async (u) => (await fetch(u)).blob()));
}

const studioBench = {
  async probe() {
    const info = await open().probe();
    close();
    return { ...info, cores: navigator.hardwareConcurrency, userAgent: navigator.userAgent };
  },
  open: (backend: string) => open().setup(backend, '/models/'),
  forward: (batch: number, o: Parameters<BenchWorkerApi['forward']>[1]) => api().forward(batch, o),
  forwardRate: (ms: number) => api().forwardRate(ms),
  featureDepths: (backboneId: string, batches: number[], o: Parameters<BenchWorkerApi['featureDepths']>[2]) =>
    api().featureDepths(backboneId, batches, o),
  extraction: async (urls: string[], o: Parameters<BenchWorkerApi['extraction']>[1]) =>
    api().extraction(await blobsFrom(urls), o),
  headEpoch: (rows: number, o: Parameters<BenchWorkerApi['headEpoch']>[1]) => api().headEpoch(rows, o),
  finetuneStep: (batch: number, o: Parameters<BenchWorkerApi['finetuneStep']>[1]) => api().finetuneStep(batch, o),
  memory: () => api().memory(),
  gpuErrors: () => api().gpuErrors(),
  close,
};

export type StudioBench = typeof studioBench;
(window as unknown as { studioBench: StudioBench }).studioBench = studioBench;
const status = document.getElementById('status')!;
status.textContent = 'ready';
const query = new URLSearchParams(location.search);
if (query.has('self-run')) {
  void selfRun(studioBench, query, (text) => (status.textContent = text)).catch((err: Error) => {
    status.textContent = `self-run failed: ${err.message}`;
  });
}
