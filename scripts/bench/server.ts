// Builds the production app into its own folder (parallel builds elsewhere keep their dist),
// adds the opt-in benchmark page beside it in a second build so the app's own bundle is exactly
// what `vite build` makes, and serves both with `vite preview` on a free port.
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

// Vite's note about vite.config.ts's extension-less imports is for its authors; printed on every
// config load it buries the bench's own progress lines.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export async function buildAll(root: string, outDir: string): Promise<void> {
  process.env.STUDIO_OUT_DIR = outDir; // vite.config.ts reads it
  // Vite takes NODE_ENV from the environment when set: under vitest (NODE_ENV=test) it would
  // bundle development React, which is not what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const configFile = resolve(root, 'vite.config.ts');
    const common = { root, configFile, mode: 'production', logLevel: 'warn' as const };
    // BENCH_MINIFY=0 keeps the app's function names for a readable trace (scripts/bench/trace.ts)
    const minify = process.env.BENCH_MINIFY !== '0';
    await build({ ...common, build: { outDir, emptyOutDir: true, minify } });
    await build({
      ...common,
      build: {
        outDir,
        emptyOutDir: false,
        assetsDir: 'bench-assets',
        rollupOptions: { input: resolve(root, 'scripts/bench/page/bench.html') },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function serve(root: string, outDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const server: PreviewServer = await preview({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
