import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import { toModelInput } from '../data/preprocess';
import type { RgbImage } from '../data/crop';
import type { Head } from '../train/head';
import type { TrainSettings } from '../train/settings';
import { exportFilesReport, type ExportFiles } from './export-files';
import { pickGolden } from './golden';
import type { CardFacts } from './model-card';
import type { OnnxOutcome } from './onnx/export';
import type { TfliteOutcome } from './tflite/export';

/** A finished run, as the worker and the CLI both hold it. */
export interface FinishedRun {
  backbone: Backbone;
  head: Head;
  classes: string[];
  settings: TrainSettings;
  card: CardFacts;
  /** the studio's verdict on every validation image, by image id */
  val: readonly { id: string; label: number; predicted: number }[];
  /** the image's pixels (golden pairs are made from a few validation images) */
  decode(id: string): Promise<RgbImage>;
  /** the file name people know the image by */
  name(id: string): string;
}

/**
 * The one export of a finished run, for the studio's downloads and the CLI's --out alike: the
 * TF.js model, model.onnx, model.tflite, metadata, golden pairs from the validation images and the model card.
 */
export async function exportRun(
  run: FinishedRun,
): Promise<{ files: ExportFiles; onnx: OnnxOutcome | null; tflite: TfliteOutcome | null }> {
  const { backbone, settings } = run;
  const images = await Promise.all(
    pickGolden(run.val).map(async (v) => ({
      name: run.name(v.id),
      label: v.label,
      input: toModelInput(await run.decode(v.id), backbone.spec.inputSize, settings.cropMode, backbone.spec.pixelRange),
    })),
  );
  try {
    const validation = run.val.map((v) => ({ name: run.name(v.id), label: v.label, predicted: v.predicted }));
    return await exportFilesReport({
      backbone,
      head: run.head,
      classes: run.classes,
      settings,
      card: run.card,
      golden: { images, validation },
    });
  } finally {
    tf.dispose(images.map((i) => i.input));
  }
}
