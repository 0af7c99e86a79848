import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers';

// All TF work runs in the worker; the page only posts blobs and shows results. A page import that
// reaches TF.js (a constant in a module that also holds tensor code, say) silently adds
// tfjs-core, its backends and layers to what every visitor downloads before the first paint.
const TFJS = /[\\/]node_modules[\\/]@tensorflow(-models)?[\\/]/;

async function productionBuild(): Promise<Rollup.OutputBundle[string][]> {
  // vitest sets NODE_ENV=test, which Vite would keep, so React's development build would be measured
  process.env.NODE_ENV = 'production';
  const out = await build({ root: REPO_ROOT, logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
  return outputs.flatMap((o) => o.output);
}

describe('the page bundle', () => {
  it(
    'holds no TF.js: the page entry and every chunk it loads statically (the worker keeps it)',
    { timeout: 240_000 },
    async () => {
      const files = await productionBuild();
      const chunks = new Map(
        files.filter((f): f is Rollup.OutputChunk => f.type === 'chunk').map((c) => [c.fileName, c]),
      );
      const entry = [...chunks.values()].find((c) => c.isEntry && c.facadeModuleId?.endsWith('index.html'));
      expect(entry, 'the page entry chunk').toBeDefined();

      const page: Rollup.OutputChunk[] = [];
      const visit = (name: string) => {
        const c = chunks.get(name);
        if (!c || page.includes(c)) return;
        page.push(c);
        c.imports.forEach(visit);
      };
      visit(entry!.fileName);
      const tfModules = page.flatMap((c) =>
        c.moduleIds.filter((id) => TFJS.test(id)).map((id) => `${c.fileName}: ${id}`),
      );
      expect(tfModules.length, `TF.js in the page, e.g. ${tfModules.slice(0, 5).join('; ')}`).toBe(0);
      // the check above could pass vacuously if module ids stopped naming node_modules: the page must
      // still list React's, and the worker (a separate asset) must still carry TF.js
      expect(page.some((c) => c.moduleIds.some((id) => /[\\/]node_modules[\\/]react-dom[\\/]/.test(id)))).toBe(true);
      const worker = files.find((f) => f.type === 'asset' && /studio\.worker.*\.js$/.test(f.fileName));
      expect(worker, 'the worker asset').toBeDefined();
      expect(String((worker as Rollup.OutputAsset).source)).toMatch(/tfjs|TensorFlow/);

      const gzip = page.reduce((n, c) => n + gzipSync(c.code).byteLength, 0);
      console.log(`page JS: ${page.map((c) => c.fileName).join(', ')}, ${(gzip / 1024).toFixed(0)} KiB gzip`);
    },
  );
});
