import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { chromiumArgs } from './e2e/chromium-args';
import { FAKE_CAMERA_Y4M } from './e2e/webcam-paths';

const port = Number(process.env.E2E_PORT ?? 4173);

// Debian's Chromium (Playwright cannot download browsers here); override with CHROMIUM_PATH.
export { chromiumArgs };

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Specs that need the fake camera run in their own project: camera flags are per browser launch.
const CAMERA_SPECS = /(webcam-camera|webcam-record|webcam-card|workspace)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 240_000,
  expect: { timeout: 20_000 },
  // Three browsers on the 2-core CI machine: one test keeps about one core busy (wasm runs
  // single-threaded in the studio worker), but its waits on page loads, IndexedDB and the UI leave
  // gaps: with two workers the cores were 21% idle (vmstat, five specs), with three 9%. Measured on
  // a quiet machine (load 2-4 from this session alone): those five specs 91 s → 81 s, the whole suite
  // 1016 s (two, in a CI run) → 918 s (three, 0 flaky); each test takes about a third longer, far
  // inside its timeouts. Developers on a shared machine pass --workers=1.
  workers: Number(process.env.E2E_WORKERS ?? 3),
  // one retry in CI, none here: the project's CI machine is not this one (a test's timing that held
  // in every run here failed there once), and one flake there lands nothing. A test that passes
  // only on its retry is counted as passed and named in the summary's "flaky" list
  // (scripts/test-all.mjs), to be fixed, not forgotten
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
    // Off unless asked for (E2E_TRACE=1): recording a trace of every test (DOM snapshots and a
    // screencast each action) made the suite about 20% slower on two cores (five specs, A/B in
    // turns: 97-108 s with it, 79-86 s without), which the 20-minute CI budget cannot spare
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    // Each test's fresh browser would install the PWA and precache the 5.4 MB app shell, work that
    // competes with the test for the CPU; e2e/offline.spec.ts allows the service worker it tests.
    serviceWorkers: 'block',
  },
  // the camera's project first: its one worker runs its specs (two minutes in a row) beside the
  // other project's from the start; listed last, they ran after every other spec with the second
  // core idle
  projects: [
    {
      // Chromium's fake camera shows a real photo (a y4m written by e2e/global-setup.ts) and
      // grants camera permission without a prompt.
      name: 'fake-camera',
      testMatch: CAMERA_SPECS,
      // one at a time: with both camera specs in two browsers at once, one camera's track ended
      // mid-test ("The camera stopped") in a CI run; they run beside the other project's specs
      workers: 1,
      use: {
        launchOptions: {
          executablePath,
          args: [
            ...chromiumArgs,
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            `--use-file-for-fake-video-capture=${FAKE_CAMERA_Y4M}`,
          ],
        },
      },
    },
    { name: 'chromium', testIgnore: CAMERA_SPECS },
  ],
  webServer: {
    // `npm test` builds dist/ once beside the unit tests and says so with E2E_PREBUILT=1; alone, the suite builds
    command: `${process.env.E2E_PREBUILT ? '' : 'npx vite build && '}npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    env: { STUDIO_MODELS_DIR: process.env.STUDIO_MODELS_DIR ?? resolve(import.meta.dirname, '../shared/models') },
  },
});
