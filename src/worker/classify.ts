import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbones/backbone';
import { decodeImageBlob } from '../core/data/decode-browser';
import type { CropMode, PixelRange } from '../core/data/crop';
import { toModelInput } from '../core/data/preprocess';
import type { ImportedModel } from '../core/model-import/read-model-zip';
import { poolForModel, readyFrameInput } from '../core/live/frame';
import { atHome } from '../core/train/backend-lease';
import { predictProbabilities } from '../core/train/predict';
import type { Head } from '../core/train/head';
import { onPretrained, onTuned, type TunedWeights } from '../core/finetune/weights';
import type { Prediction } from './protocol';

/** Whatever answers Try it and the webcam: its classes, the input it wants, and its forward pass. */
export interface Classifier {
  classes: string[];
  inputSize: number;
  cropMode: CropMode;
  pixelRange: PixelRange;
  run(input: tf.Tensor3D): tf.Tensor1D;
}

/** An imported model; a head-only one runs on the pooled features of `backbone` (the one it names). */
export function importedClassifier(m: ImportedModel, backbone: Backbone | null): Classifier {
  if (m.headOnlyFor && backbone?.spec.id !== m.headOnlyFor)
    throw new Error(`This model is a head for ${m.headOnlyFor}: load that backbone again to use it`);
  const bb = m.headOnlyFor ? backbone : null;
  const features = (input: tf.Tensor3D) => (bb ? bb.extract(input.expandDims(0) as tf.Tensor4D) : input.expandDims(0));
  const forward = (input: tf.Tensor3D) =>
    tf.tidy(() => {
      const out = (m.model.predict(features(input)) as tf.Tensor2D).squeeze([0]) as tf.Tensor1D;
      // a model ending without softmax gives scores: shown as they were, Try it read "cat (734.2%)"
      return m.outputs === 'scores' ? tf.softmax(out) : out;
    });
  return {
    classes: m.labels,
    inputSize: m.inputSize,
    cropMode: m.cropMode,
    pixelRange: m.pixelRange,
    // a head was trained on the stock backbone's features: the backbone may hold a fine-tuned model's blocks
    run: (input) => (bb ? onPretrained(bb, () => forward(input)) : forward(input)),
  };
}

/** The loaded backbone with the head trained here (and, fine-tuned, its own copy of the backbone's top). */
export function trainedClassifier(
  bb: Backbone,
  head: Head,
  classes: string[],
  cropMode: CropMode,
  tuned: TunedWeights | null,
): Classifier {
  return {
    classes,
    inputSize: bb.spec.inputSize,
    cropMode,
    pixelRange: bb.spec.pixelRange,
    run: (input) => onTuned(bb, tuned, () => predictProbabilities(bb, head, input)),
  };
}

/** One forward pass; the input is freed whether or not it succeeds. */
function runOn(c: Classifier, input: tf.Tensor3D): tf.Tensor1D {
  try {
    return c.run(input);
  } finally {
    input.dispose();
  }
}

/**
 * `classifier` is asked for the model in use once the photo is decoded and the home backend is
 * there (core/train/backend-lease.ts: a head training elsewhere gives it back between its steps):
 * a model that took its place meanwhile (a run's final one after its first, whose head it
 * disposed) answers, not the disposed one ("Layer … is already disposed").
 */
export async function classifyImage(classifier: () => Classifier, blob: Blob): Promise<Prediction> {
  const image = await decodeImageBlob(blob);
  return atHome(async () => {
    const c = classifier();
    const probs = runOn(c, toModelInput(image, c.inputSize, c.cropMode, c.pixelRange));
    try {
      return { classes: c.classes, probabilities: Array.from(await probs.data()) };
    } finally {
      probs.dispose();
    }
  });
}

/** reused by every live frame (video frames keep their size) */
let frameCanvas: OffscreenCanvas | null = null;

/** The frame's pixels (the frame is closed here). */
function framePixels(frame: ImageBitmap) {
  try {
    const { width, height } = frame;
    if (!frameCanvas || frameCanvas.width !== width || frameCanvas.height !== height)
      frameCanvas = new OffscreenCanvas(width, height);
    const ctx = frameCanvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(frame, 0, 0);
    return { data: ctx.getImageData(0, 0, width, height).data, width, height, channels: 4 as const };
  } finally {
    frame.close();
  }
}

/**
 * One video frame (closed here); ms = the model's forward pass alone. As for a photo, the model
 * in use is asked for once the home backend is there.
 */
export async function classifyVideoFrame(
  classifier: () => Classifier,
  frame: ImageBitmap,
): Promise<Prediction & { ms: number }> {
  const image = framePixels(frame);
  return atHome(async () => {
    const c = classifier();
    const { width, height } = image;
    // a frame the page already cropped and resized to the input goes in as it is; otherwise
    // poolForModel does toModelInput's box filter in JS first (same input, far faster on wasm)
    const ready = width === c.inputSize && height === c.inputSize && c.cropMode !== 'pad';
    const input = ready
      ? readyFrameInput(image, c.pixelRange)
      : toModelInput(poolForModel(image, c.inputSize, c.cropMode), c.inputSize, c.cropMode, c.pixelRange);
    const t0 = performance.now();
    const probs = runOn(c, input);
    try {
      const values = Array.from(await probs.data());
      return { classes: c.classes, probabilities: values, ms: performance.now() - t0 };
    } finally {
      probs.dispose();
    }
  });
}
