import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layer boundaries (ARCHITECTURE.md) as direct-import rules; .dependency-cruiser.cjs checks the
// same boundaries through other modules (TF.js reached via core) and forbids import cycles.
const tfjs = {
  group: ['@tensorflow/*', '@tensorflow-models/*'],
  message: 'TF.js runs in the worker only: ask the worker (src/worker/client.ts) through a store.',
};
const outsideCore = {
  regex: '(^|/)(state|worker|ui|cli)(/|$)',
  message: 'src/core is the framework-free engine: pass what it needs in as arguments instead.',
};
const stores = {
  regex: '(^|/)state(/|$)',
  message: 'The worker knows nothing of the page stores: the page passes what it needs.',
};

export default tseslint.config(
  // generated: src/core/export/onnx/onnx-pb.* (protobufjs-cli from onnx.proto), src/core/export/tflite/schema/ (flatc)
  {
    ignores: [
      'dist*/**',
      // the device tool's carried files (scripts/bench/device/gpu-figures.sh): a built page, Chromium
      '.gpu/**',
      'node_modules/**',
      'e2e/tm-fixture/**',
      'test-results/**',
      'playwright-report/**',
      'src/core/export/onnx/onnx-pb.*',
      'src/core/export/tflite/schema/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [tfjs] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideCore] }] },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [stores] }] },
  },
  {
    // the studio's tensors may live on WebGPU, where tfjs reads synchronously through an
    // OffscreenCanvas 'webgpu' context; in Chromium's worker every GPU read after one failed
    // ("A valid external Instance reference no longer exists"). Tests and scripts run on cpu/wasm.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['dataSync', 'arraySync', 'bufferSync'].map((property) => ({
          property,
          message: 'read tensors with await data() / array() / buffer(): a synchronous read breaks WebGPU here',
        })),
      ],
    },
  },
);
