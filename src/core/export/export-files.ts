import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8 } from 'fflate';
import type { Backbone } from '../backbones/backbone';
import { MAX_DECODED_SIDE } from '../data/crop';
import type { Head } from '../train/head';
import type { TrainSettings } from '../train/settings';
import { GOLDEN_JSON, goldenFiles, type GoldenImage, type ValVerdict } from './golden';
import { convertedLines, modelCard, retryable, type CardFacts, type RetryRefusal } from './model-card';
import { runSnippets } from './run-snippets';
import type { LayersModelFiles } from './layer-walk';
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

const notLoaded = (file: string, why: string): RetryRefusal => ({
  refused: `No ${file}: its converter could not be loaded (${why}). Try the download again; if it is refused again, reload the page.`,
  retry: true,
});

/**
 * The ONNX and TFLite converters (protobufjs, flatbuffers and the TFLite schema), loaded with the
 * first export, not with the worker every visit starts. Where their code cannot be fetched both
 * files are refused with the reason, and the rest of the export (the model kept for the next visit,
 * the zip) goes on, as for a layer a converter cannot express.
 */
async function convert(
  layers: LayersModelFiles,
  facts: OnnxFacts,
): Promise<{ onnx: OnnxOutcome; tflite: TfliteOutcome; files: [string, Uint8Array][] }> {
  let loaded: [typeof import('./onnx/export'), typeof import('./tflite/export')];
  try {
    loaded = await Promise.all([import('./onnx/export'), import('./tflite/export')]);
  } catch (err) {
    const why = (err as Error).message;
    // the file names as written, not imported: their module is the one that did not arrive
    return { onnx: notLoaded('model.onnx', why), tflite: notLoaded('model.tflite', why), files: [] };
  }
  const [onnx, tflite] = loaded;
  const o = onnx.onnxFile(layers, facts);
  const lite = tflite.tfliteFile(layers, facts);
  const files: [string, Uint8Array][] = [];
  if (o.bytes) files.push([onnx.ONNX_FILE, o.bytes]);
  if (lite.bytes) files.push([tflite.TFLITE_FILE, lite.bytes]);
  return { onnx: o.outcome, tflite: lite.outcome, files };
}

/** what the converters write into their files' metadata, from metadata.json's */
function factsOf(meta: ReturnType<typeof metadata>): OnnxFacts {
  const { preprocessing: p, labels, userMetadata } = meta;
  return {
    labels,
    backbone: userMetadata.backbone,
    inputSize: p.inputSize,
    cropMode: p.cropMode,
    pixelRange: p.pixelRange as [number, number],
    pixelScaling: p.pixelScaling,
    resize: p.resize,
    version: String(meta.tfjsVersion),
  };
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
    const layers = {
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs ?? [],
      weightData: weights,
    };
    const converted = await convert(layers, factsOf(meta));
    onnx = meta.onnx = converted.onnx;
    tflite = meta.tflite = converted.tflite;
    for (const [name, bytes] of converted.files) files.set(name, bytes);
  }
  const head = await serialise(input.head.model, 'weights.bin');
  files.set('head/model.json', head.json);
  files.set('head/weights.bin', head.weights);
  files.set('metadata.json', JSON.stringify(meta, null, 2));
  // one class a line, in the output's order: what Android's TFLite task library and most mobile
  // examples read (metadata.json's labels hold the same, for code that reads JSON)
  files.set('labels.txt', `${input.classes.join('\n')}\n`);
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

type Kept = ReturnType<typeof metadata> & { onnx?: OnnxOutcome; tflite?: TfliteOutcome };
type KeptModel = { modelTopology?: unknown; weightsManifest?: tf.io.WeightsManifestConfig };

const parsed = <T>(bytes: Uint8Array | undefined): T | null => {
  try {
    return bytes ? (JSON.parse(strFromU8(bytes)) as T) : null;
  } catch {
    return null;
  }
};

/**
 * A kept export (read back from storage after a reload) written while its converters' code could
 * not be loaded: model.onnx and model.tflite converted now from its own model.json and weights, and
 * its metadata.json and README.md saying what they are. Any other export, or one without the files
 * they are made from, comes back as it was.
 */
export async function convertKept(files: Record<string, Uint8Array>): Promise<Record<string, Uint8Array>> {
  const meta = parsed<Kept>(files['metadata.json']);
  const model = parsed<KeptModel>(files['model.json']);
  const manifest = model?.weightsManifest;
  if (!meta || !manifest || !(retryable(meta.onnx) || retryable(meta.tflite))) return files;
  const parts = manifest.flatMap((group) => group.paths.map((path) => files[path]));
  if (!parts.length || parts.some((part) => !part)) return files;
  const weightData = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  parts.reduce((at, part) => (weightData.set(part, at), at + part.byteLength), 0);
  const weightSpecs = manifest.flatMap((group) => group.weights);
  const {
    onnx,
    tflite,
    files: converted,
  } = await convert({ modelTopology: model.modelTopology, weightSpecs, weightData }, factsOf(meta));
  const out: Record<string, Uint8Array> = { ...files, ...Object.fromEntries(converted) };
  out['metadata.json'] = strToU8(JSON.stringify({ ...meta, onnx, tflite }, null, 2));
  const card = files['README.md'] && strFromU8(files['README.md']);
  if (card) {
    // as modelCard: a converter that still did not load goes unsaid (a reader of the zip has no page to try again in)
    const [shownOnnx, shownTflite] = [onnx, tflite].map((o) => (retryable(o) ? null : o)) as [
      OnnxOutcome | null,
      TfliteOutcome | null,
    ];
    const lines = convertedLines(meta.preprocessing.inputSize, shownOnnx, shownTflite);
    // an earlier version's card carried its refusals, telling a reader of the zip to reload a page
    const kept = card.split('\n').filter((line) => !line.includes('converter could not be loaded'));
    const at = kept.findIndex((line) => line.startsWith('- `model.json` + `weights.bin`'));
    if (at >= 0) kept.splice(at + 1, 0, ...lines);
    out['README.md'] = strToU8([...beforeHowToRun(kept), ...keptSnippets(meta, shownOnnx, shownTflite)].join('\n'));
  }
  return out;
}

/** the card's "How to run" is its last section: written without the converted files, it has no snippets for them */
function beforeHowToRun(card: string[]): string[] {
  const at = card.indexOf('## How to run');
  if (at >= 0) return card.slice(0, at);
  return card.at(-1) === '' ? card : [...card, ''];
}

/** the "How to run" a fresh export of this model has, from what its metadata.json says of the backbone */
function keptSnippets(meta: Kept, onnx: OnnxOutcome | null, tflite: TfliteOutcome | null): string[] {
  const { inputSize, pixelRange, cropMode } = meta.preprocessing;
  const [min, max] = pixelRange;
  return runSnippets({ inputSize, pixelRange: { min, max } }, cropMode, onnx, tflite);
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
    else if (name === GOLDEN_JSON || name === 'labels.txt') out.set(name, content);
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
