import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The photo the fake camera shows: (dataset, class, index in the sorted class folder). */
export const FAKE_CAMERA_PHOTO: [string, string, number] = ['sign-language-digits', 'digit_3', 0];

/** Where globalSetup writes the fake camera's y4m (known when the config loads). */
export const FAKE_CAMERA_Y4M = join(tmpdir(), `transfer-studio-e2e-${process.getuid?.() ?? 'user'}`, 'fake-camera.y4m');
