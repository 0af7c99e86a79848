import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { BACKBONES } from './src/core/backbones/registry';
import { contentSecurityPolicy } from './src/csp';

// Backbones are never committed: the dev and preview servers serve them from STUDIO_MODELS_DIR
// (default ../shared/models) under /models/. Without that folder the app uses the hosted URLs.
const modelsDir = resolve(process.env.STUDIO_MODELS_DIR ?? resolve(import.meta.dirname, '../shared/models'));
const haveModels = existsSync(modelsDir);
const modelsBase = process.env.VITE_MODELS_BASE ?? (haveModels ? '/models/' : '');

const TYPES: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream' };

function serveModels(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url?.split('?')[0] ?? '';
    if (!haveModels || !url.startsWith('/models/')) return next();
    const path = normalize(join(modelsDir, decodeURIComponent(url.slice('/models/'.length))));
    if (!path.startsWith(modelsDir + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(path).size));
    createReadStream(path).pipe(res);
  };
}

const modelsPlugin: Plugin = {
  name: 'studio-models',
  configureServer: (server) => void server.middlewares.use(serveModels()),
  configurePreviewServer: (server) => void server.middlewares.use(serveModels()),
};

// The built page carries its policy in a <meta> (any static host); vite preview also sends it as a
// header, which is what binds the worker. The dev server gets none: its HMR needs inline scripts.
const hostedUrls = BACKBONES.map((b) => b.hostedUrl);
const cspPlugin: Plugin = {
  name: 'studio-csp',
  transformIndexHtml: (html, ctx) =>
    ctx.server
      ? html
      : {
          html,
          tags: [
            {
              tag: 'meta',
              attrs: {
                'http-equiv': 'Content-Security-Policy',
                content: contentSecurityPolicy(hostedUrls, { modelsBase }),
              },
              injectTo: 'head-prepend',
            },
            { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' }, injectTo: 'head-prepend' },
          ],
        },
  configurePreviewServer: (server) =>
    void server.middlewares.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', contentSecurityPolicy(hostedUrls, { header: true, modelsBase }));
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      next();
    }),
};

// An installable app that opens with no network after the first visit: the service worker
// precaches the app shell (page, scripts, the worker, the wasm binaries, icons); backbones are not
// part of it, they stay in IndexedDB (core/backbones). The page registers it (src/main.tsx,
// virtual:pwa-register): a new version waits until the person reloads into it from the header's
// banner (state/app-update.ts), after the project is saved; activated by itself it would delete the
// old version's cached chunks the open page still loads. The service worker is covered by
// worker-src 'self'.
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'Transfer Studio',
    short_name: 'Transfer Studio',
    description: 'Train an image classifier on your own photos in the browser, privately.',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#2f6fd6',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest}'],
    // the tfjs bundles and the wasm binaries are several MB each
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/models\//],
    cleanupOutdatedCaches: true,
    // the first visit's page is served from the cache too (its lazy chunks and workers offline); an
    // update still waits for the person (it activates only on "Reload to update")
    clientsClaim: true,
  },
});

export default defineConfig({
  plugins: [cspPlugin, react(), modelsPlugin, pwa],
  define: { __MODELS_BASE__: JSON.stringify(modelsBase) },
  worker: { format: 'es' },
  // STUDIO_OUT_DIR lets parallel builds (e2e runs, benchmarks) keep out of each other's way
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: process.env.STUDIO_OUT_DIR ?? 'dist' },
  preview: { port: 4173, strictPort: true },
});
