import type { Backbone } from '../src/core/backbones/backbone';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import type { LabelledImage } from '../src/core/pipeline';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { loadLocalBackbone, SIGN_DIGITS, useBackend } from './helpers';

/** What the pipeline tests on real photos train with (loadSignDigitPhotos). */
export interface SignDigitPhotos {
  backbone: Backbone;
  classes: string[];
  images: LabelledImage[];
}

/** MobileNet v1 α0.25 on the wasm backend, and 3 classes × 8 real photos of sign-language digits. */
export async function loadSignDigitPhotos(): Promise<SignDigitPhotos> {
  await useBackend('wasm');
  const backbone = await loadLocalBackbone('mobilenet-v1-0.25');
  const ds = await readDatasetDir(SIGN_DIGITS);
  const classes = ds.classes.slice(0, 3);
  const images = classes.flatMap((_, label) =>
    ds.files
      .filter((f) => f.label === label)
      .slice(0, 8)
      .map((f) => ({ id: f.path, label })),
  );
  return { backbone, classes, images };
}

/** the plain path: no augmented views (the tests of the views set their own) */
export const plainSettings: TrainSettings = { ...DEFAULT_SETTINGS, recipe: 'manual', epochs: 5, augmentViews: 0 };
