import * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import type { Backbone } from '../backbones/backbone';
import { MAX_DECODED_SIDE } from '../data/crop';
import type { Head } from '../train/head';
import type { TrainSettings } from '../train/settings';
import { GOLDEN_JSON, goldenFiles, type GoldenImage, type ValVerdict } from './golden';
import { modelCard, type CardFacts } from './model-card';
import type { OnnxFacts, OnnxOutcome } from './onnx/export';
import type { TfliteOutcome } from './tflite/export';

export interface ExportInput {
  backbone: Backbone;
  head: Head;
  classes: string[];
  settings: TrainSettings;
  modelName?: string;
  /** facts of the run, for the model card (README.md); no card without them */
  card?: CardFacts;
  /** a handful of preprocessed validation images and the studio's top-1 on every validation image: golden.json */
  golden?: { images: GoldenImage[]; validation?: ValVerdict[] };
}

/** file name → contents, the same layout for the browser zip and the CLI's --out folder */
export type ExportFiles = Map<string, string | Uint8Array>;

/** Backbone + pooling + head as one layers model that runs on a raw image input. */
export function standaloneModel(backbone: Backbone, head: Head): tf.LayersModel | null {
  const fm = backbone.featureModel;
  if (!fm) return null;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'feature_pool' }).apply(fm.outputs[0]) as tf.SymbolicTensor;
  const out = head.model.apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: fm.inputs, outputs: out, name: 'studio_model' });
}

/** A layers model's topology and weights in memory (what an export writes and the offline cache stores). */
export async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return captured!;
}

type Topology = {
  config?: {
    layers?: {
      class_name?: string;
      name?: string;
      config?: { name?: string; batch_input_shape?: (number | null)[] };
    }[];
    input_layers?: [string, number, number][];
  };
};

/**
 * A backbone that takes any image size (one someone brought) ran at its spec's size: the written
 * model takes that size, so readers of its input shape (the studio's own import, other people's
 * code, the ONNX and TFLite converters) get the size the model was trained and checked at.
 */
function pinInputSize(topology: unknown, size: number): void {
  const config = (topology as Topology | null)?.config;
  const inputs = new Set((config?.input_layers ?? []).map(([name]) => name));
  for (const layer of config?.layers ?? []) {
    const shape = layer.config?.batch_input_shape;
    if (layer.class_name !== 'InputLayer' || !inputs.has(layer.name ?? layer.config!.name!) || shape?.length !== 4)
      continue;
    layer.config!.batch_input_shape = [shape[0], shape[1] ?? size, shape[2] ?? size, shape[3]];
  }
}

async function serialise(
  model: tf.LayersModel,
  weightsName: string,
  inputSize?: number,
): Promise<{ json: string; weights: Uint8Array; artifacts: tf.io.ModelArtifacts }> {
  const a = await modelArtifacts(model);
  if (inputSize) pinInputSize(a.modelTopology, inputSize);
  const weights = new Uint8Array(a.weightData as ArrayBuffer);
  const json = JSON.stringify({
    modelTopology: a.modelTopology,
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    weightsManifest: [{ paths: [weightsName], weights: a.weightSpecs }],
  });
  return { json, weights, artifacts: a };
}

/** Teachable-Machine-compatible metadata plus the exact preprocessing this studio used. */
export function metadata(input: ExportInput) {
  const { backbone, classes, settings } = input;
  return {
    tfjsVersion: tf.version.tfjs,
    tmVersion: '2.4.7',
    packageName: '@teachablemachine/image',
    packageVersion: '0.8.5',
    modelName: input.modelName ?? 'transfer-studio-model',
    timeStamp: new Date().toISOString(),
    labels: classes,
    // the name too: a reader without this backbone (one someone brought) names it in its refusal
    userMetadata: { backbone: backbone.spec.id, backboneName: backbone.spec.name },
    imageSize: backbone.spec.inputSize,
    preprocessing: {
      inputSize: backbone.spec.inputSize,
      cropMode: settings.cropMode,
      pixelRange: [backbone.spec.pixelRange.min, backbone.spec.pixelRange.max],
      pixelScaling: `x / 255 * ${backbone.spec.pixelRange.max - backbone.spec.pixelRange.min} + ${backbone.spec.pixelRange.min}`,
      // what "crop mode" and the resize mean, so another implementation can match the studio exactly
      resize:
        'RGB, EXIF orientation applied, transparent pixels composited on white; an image larger than ' +
        `${MAX_DECODED_SIDE} px on a side first scaled to fit ${MAX_DECODED_SIDE} (high-quality resample); ` +
        'then box-filter by the integer factor floor(side / inputSize) of the cropped side, then bilinear ' +
        'with corner pixels aligned (tf.image.cropAndResize); center = largest centred square, ' +
        'squash = whole image stretched, pad = whole image centred on black',
    },
    settings,
  };
}

/**
 * The ONNX and TFLite converters (protobufjs, flatbuffers and the TFLite schema), loaded with the
 * first export, not with the worker every visit starts. Where their code cannot be fetched (a new
 * version deployed since the page loaded, offline before the app was installed) both files are
 * refused with the reason, and the rest of the export (the model kept for the next visit, the zip)
 * goes on, as for a layer a converter cannot express.
 */
async function converters(): Promise<
  { onnx: typeof import('./onnx/export'); tflite: typeof import('./tflite/export') } | { refused: string }
> {
  try {
    const [onnx, tflite] = await Promise.all([import('./onnx/export'), import('./tflite/export')]);
    return { onnx, tflite };
  } catch (err) {
    return {
      refused: `its converter could not be loaded (${(err as Error).message}); reload the page to export it`,
    };
  }
}

/**
 * model.json + weights.bin (standalone, where the backbone is a layers model), model.onnx and
 * model.tflite (the same model converted, where each format can hold it), head/ (head only) and metadata.json.
 */
export async function exportFiles(input: ExportInput): Promise<ExportFiles> {
  return (await exportFilesReport(input)).files;
}

/** exportFiles, and what became of the ONNX and TFLite files (null: no standalone model to convert). */
export async function exportFilesReport(
  input: ExportInput,
): Promise<{ files: ExportFiles; onnx: OnnxOutcome | null; tflite: TfliteOutcome | null }> {
  const files: ExportFiles = new Map();
  const meta: ReturnType<typeof metadata> & { onnx?: OnnxOutcome; tflite?: TfliteOutcome } = metadata(input);
  let onnx: OnnxOutcome | null = null;
  let tflite: TfliteOutcome | null = null;
  const full = standaloneModel(input.backbone, input.head);
  if (full) {
    const { json, weights, artifacts } = await serialise(full, 'weights.bin', input.backbone.spec.inputSize);
    files.set('model.json', json);
    files.set('weights.bin', weights);
    const { preprocessing: p, labels, userMetadata } = meta;
    const layers = {
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs ?? [],
      weightData: weights,
    };
    const facts: OnnxFacts = {
      labels,
      backbone: userMetadata.backbone,
      inputSize: p.inputSize,
      cropMode: p.cropMode,
      pixelRange: p.pixelRange as [number, number],
      pixelScaling: p.pixelScaling,
      resize: p.resize,
      version: String(tf.version.tfjs),
    };
    const converted = await converters();
    if ('refused' in converted) {
      onnx = meta.onnx = { refused: converted.refused };
      tflite = meta.tflite = { refused: converted.refused };
    } else {
      const o = converted.onnx.onnxFile(layers, facts);
      if (o.bytes) files.set(converted.onnx.ONNX_FILE, o.bytes);
      onnx = meta.onnx = o.outcome;
      const lite = converted.tflite.tfliteFile(layers, facts);
      if (lite.bytes) files.set(converted.tflite.TFLITE_FILE, lite.bytes);
      tflite = meta.tflite = lite.outcome;
    }
  }
  const head = await serialise(input.head.model, 'weights.bin');
  files.set('head/model.json', head.json);
  files.set('head/weights.bin', head.weights);
  files.set('metadata.json', JSON.stringify(meta, null, 2));
  if (input.golden) {
    const { json, inputs } = await goldenFiles(
      input.backbone,
      input.head,
      input.classes,
      input.golden.images,
      input.golden.validation,
    );
    files.set(GOLDEN_JSON, JSON.stringify(json));
    files.set(json.inputs.file, inputs);
  }
  if (input.card)
    files.set('README.md', modelCard(input.backbone, input.classes, input.settings, { ...input.card, onnx, tflite }));
  return { files, onnx, tflite };
}

const text = (content: string | Uint8Array | undefined) =>
  content === undefined || typeof content === 'string' ? content : strFromU8(content);

/**
 * The small download for people who run the backbone themselves: the head as model.json + weights.bin
 * at the top. Its card and metadata say so first: they describe the whole model, whose model.json
 * takes an image, and read as they were they sent people to feed images to a head that takes features.
 */
export function headOnlyFiles(files: ExportFiles): ExportFiles {
  const out: ExportFiles = new Map();
  for (const [name, content] of files) {
    if (name.startsWith('head/')) out.set(name.slice('head/'.length), content);
    else if (name === GOLDEN_JSON) out.set(name, content);
  }
  const meta = text(files.get('metadata.json'));
  let parsed: { userMetadata?: { backbone?: string }; settings?: { unfreeze?: number } } = {};
  if (meta !== undefined) {
    parsed = JSON.parse(meta) as typeof parsed;
    out.set('metadata.json', JSON.stringify({ ...parsed, headOnly: true, modelInput: 'pooled backbone features' }));
  }
  const card = text(files.get('README.md'));
  if (card !== undefined) {
    const backbone = parsed.userMetadata?.backbone ?? 'the backbone';
    const tuned = (parsed.settings?.unfreeze ?? 0) > 0;
    const note = [
      `> **This zip holds the head only.** Its \`model.json\` + \`weights.bin\` take the pooled features of ${backbone}`,
      '> ([n, features]: its feature map averaged over height and width), not an image. Run that backbone on the',
      "> preprocessed image, pool, then this model; `golden.json` gives each golden image's `features` with the",
      '> expected probabilities. The card below describes the whole model (the full download), whose files are not here.',
      ...(tuned
        ? ["> The backbone was fine-tuned: only the one inside the full download's `model.json` gives these features."]
        : []),
      '',
    ];
    out.set('README.md', [...note, card].join('\n'));
  }
  return out;
}
