import type { PixelRange } from '../data/crop';

export type BackboneFormat = 'layers' | 'graph';

/**
 * A backbone is data: where its files are, what its input wants, and where the features come
 * from. One loader (load.ts) turns any of these into a runnable model.
 */
export interface BackboneSpec {
  id: string;
  name: string;
  format: BackboneFormat;
  /** path of model.json under the models base (STUDIO_MODELS_DIR / --models) */
  localPath: string;
  /** public URL used when no local copy answers */
  hostedUrl: string;
  inputSize: number;
  pixelRange: PixelRange;
  /** layer (layers models) or graph node whose output is pooled into the feature vector */
  featureLayer: string;
  /**
   * An earlier layer whose map is pooled too, its average beside the feature layer's (backbone.ts):
   * the end of the 14×14 stage, measured +0.9 points on the tuning suite at no extraction cost
   * (docs/accuracy.md, "final + mid1"). Its map is twice the feature map's side.
   */
  poolAlso?: string;
  /** the pooled vector's length: the feature layer's channels, plus poolAlso's when set */
  featureSize: number;
  /** approximate download size in bytes, shown in the picker */
  sizeBytes: number;
  /** true when the backbone's own layers can be unfrozen and trained */
  trainable: boolean;
  /**
   * Blocks finetune/blocks.ts counts in it (0 for a graph model): the CLI refuses a larger
   * --unfreeze before loading the model. Unset for a brought backbone, whose blocks are known once loaded.
   */
  blockCount?: number;
  description: string;
  /**
   * A short plain line under its name in the picker, in a maker's words: what it is good for (a
   * brought backbone has none).
   */
  tagline?: string;
  /** said once under the picker's "About these backbones": what its card leaves out (the 320-px twins' trade) */
  note?: string;
  /**
   * Key of its files in the offline cache when another backbone has the very same files (the
   * "at 320 px" ones share their 224-px twin's): one copy kept, and either loads from it offline.
   */
  filesId?: string;
}

/**
 * The same weights fed 320-px images (backbones/input-size.ts): measured in docs/accuracy.md, +3.6
 * points on the one dataset of the suite whose photos are larger than 224 px, a point lost on small
 * images, and 1.7 times the extraction time (measured there).
 */
const INPUT_320 =
  'The “at 320 px” backbones feed the same weights 320-pixel images: more detail from large photos (about +3 points on flowers in our tests), for about 1.7 times the time per image; no gain on small images.';

const MOBILENET_V1: BackboneSpec = {
  id: 'mobilenet-v1-0.25',
  name: 'MobileNet v1 α0.25',
  format: 'layers',
  localPath: 'mobilenet_v1_0.25_224/model.json',
  hostedUrl: 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json',
  inputSize: 224,
  pixelRange: { min: -1, max: 1 },
  featureLayer: 'conv_pw_13_relu',
  poolAlso: 'conv_pw_11_relu',
  featureSize: 256 + 128,
  sizeBytes: 1_940_000,
  trainable: true,
  blockCount: 14,
  description: 'Smallest and fastest; a plain chain of 13 depthwise-separable blocks.',
  tagline: 'Smallest and fastest; good for the webcam and phones',
};

const MOBILENET_V2: BackboneSpec = {
  id: 'mobilenet-v2-0.35',
  name: 'MobileNetV2 α0.35',
  format: 'layers',
  localPath: 'mobilenet_v2_0.35_224_tm/model.json',
  hostedUrl:
    'https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/model.json',
  inputSize: 224,
  pixelRange: { min: -1, max: 1 },
  featureLayer: 'out_relu',
  poolAlso: 'block_13_expand_relu',
  featureSize: 1280 + 192,
  sizeBytes: 2_250_000,
  trainable: true,
  blockCount: 19,
  description: "Teachable Machine's backbone; inverted-residual blocks, richer features (1280 + 192).",
  tagline: "More accurate, a little slower; Teachable Machine's choice",
};

/**
 * `spec`'s weights declared at 320 px (backbones/input-size.ts), as a backbone of its own: feature
 * caches and projects never mix sizes. Its files are `spec`'s, cached once for both.
 */
const at320 = (spec: BackboneSpec): BackboneSpec => ({
  ...spec,
  id: `${spec.id}@320`,
  filesId: spec.filesId ?? spec.id,
  name: `${spec.name} at 320 px`,
  inputSize: 320,
  description: INPUT_320,
  tagline: 'Sees more detail in large photos; about 1.7× slower',
  note: INPUT_320,
});

export const BACKBONES: readonly BackboneSpec[] = [
  MOBILENET_V1,
  MOBILENET_V2,
  {
    id: 'mobilenet-v1-0.25-graph',
    name: 'MobileNet v1 α0.25 (graph model, @tensorflow-models/mobilenet)',
    format: 'graph',
    localPath: 'mobilenet_v1_0.25_224_graph/model.json',
    hostedUrl: 'https://tfhub.dev/google/imagenet/mobilenet_v1_025_224/classification/1/model.json?tfjs-format=file',
    inputSize: 224,
    pixelRange: { min: 0, max: 1 },
    featureLayer: 'module_apply_default/MobilenetV1/Logits/global_pool',
    featureSize: 256,
    sizeBytes: 1_920_000,
    trainable: false,
    blockCount: 0,
    description: 'The TF Hub graph model behind @tensorflow-models/mobilenet; feature extraction only.',
    tagline: "For apps built on Google's mobilenet package; cannot be fine-tuned",
    note: 'Downloads hold the trained head only: your app runs the package’s own model and feeds its features to the head.',
  },
  at320(MOBILENET_V1),
  at320(MOBILENET_V2),
];

/** Every brought backbone's id starts so (the page keeps their list; the offline cache is swept by it). */
export const CUSTOM_ID_PREFIX = 'custom-';

export const DEFAULT_BACKBONE_ID = 'mobilenet-v1-0.25';

/** Backbones people brought (core/backbones/custom.ts), registered at run time in each realm that uses them. */
const registered = new Map<string, BackboneSpec>();

export function registerBackbone(spec: BackboneSpec): void {
  if (!BACKBONES.some((b) => b.id === spec.id)) registered.set(spec.id, spec);
}

export function unregisterBackbone(id: string): void {
  registered.delete(id);
}

/** The built-in backbones, then the registered ones. */
export function allBackbones(): BackboneSpec[] {
  return [...BACKBONES, ...registered.values()];
}

/** The spec of `id`, listed or registered; undefined when there is none (a brought one removed since). */
export function findBackboneSpec(id: string): BackboneSpec | undefined {
  return BACKBONES.find((b) => b.id === id) ?? registered.get(id);
}

export function getBackboneSpec(id: string): BackboneSpec {
  const spec = findBackboneSpec(id);
  if (!spec) {
    throw new Error(
      `Unknown backbone "${id}". Known backbones: ${allBackbones()
        .map((b) => b.id)
        .join(', ')}`,
    );
  }
  return spec;
}
