import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The photo the fake camera shows: (dataset, class, index in the sorted class folder). */
export const FAKE_CAMERA_PHOTO: [string, string, number] = ['sign-language-digits', 'digit_3', 0];

/**
 * One run's id, set where the config first loads and inherited by its workers: two runs on one
 * machine (a CI run beside a developer's) rewrote the same y4m in their global setup, and Chromium's
 * fake camera of the other run ended mid-test ("The camera stopped").
 */
const RUN = (process.env.STUDIO_E2E_RUN ??= String(process.pid));

/** Where globalSetup writes the fake camera's y4m (known when the config loads). */
export const FAKE_CAMERA_Y4M = join(
  tmpdir(),
  `transfer-studio-e2e-${process.getuid?.() ?? 'user'}-${RUN}`,
  'fake-camera.y4m',
);
