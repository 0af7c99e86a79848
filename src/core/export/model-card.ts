import { FEATURES_JOINED, MID_POOL, type Backbone } from '../backbones/backbone';
import type { BackboneSpec } from '../backbones/registry';
import { backboneBlocks } from '../finetune/blocks';
import { trainedBlocks } from '../finetune/freeze';
import type { TrainOutcome } from '../pipeline';
import { neverPredicted, type ClassMetrics } from '../train/metrics';
import { describeRecipe } from '../train/recipe';
import type { TrainSettings } from '../train/settings';
import type { OnnxOutcome } from './onnx/export';
import type { TfliteOutcome } from './tflite/export';
import { runSnippets, teachableMachineLoads } from './run-snippets';

/** What the model card says about the run that produced the model. */
export interface CardFacts {
  /** training + validation images per class the model used (see runCounts) */
  classCounts: number[];
  /** classCounts are every usable image of the run, not what this first model on part of them used (its outcome did not say) */
  runCounts?: boolean;
  /** a first model trained on part of the run's images while the full model was being made */
  firstModel?: FirstModelPart;
  valAccuracy: number;
  /** 95% Wilson score interval of valAccuracy, and the validation images it rests on */
  valAccuracyInterval?: [number, number];
  valCount?: number;
  /** the automatic head recipe's choice, in words (absent when the head was set by hand) */
  recipe?: string;
  /** the temperature the automatic recipe fitted and folded into the head (absent: none) */
  temperature?: number;
  perClass: ClassMetrics[];
  /** freeze boundary the run trained above */
  boundary?: string;
  trainableParams: number;
  frozenParams: number;
  backend?: string;
  /** what became of model.onnx (the export fills it in) */
  onnx?: OnnxOutcome | null;
  /** what became of model.tflite */
  tflite?: TfliteOutcome | null;
}

/** what a first model on part of the images trained and was validated on, of the run's images */
export interface FirstModelPart {
  train: number;
  ofTrain: number;
  val: number;
  ofVal: number;
  /** Stop ended the run and kept this model */
  stopped: boolean;
}

/**
 * Without it the card's class table (the run's images) and its validation line (the first model's)
 * disagreed, and nothing said this model saw only part of the data.
 */
const firstModelLine = (f: FirstModelPart) =>
  (f.train === f.ofTrain && f.val === f.ofVal
    ? // every image was ready: what it skipped is the views and the full training
      `First model: trained on all ${f.train} training images without augmented views, for a few epochs,`
    : `First model: trained on ${f.train} of ${f.ofTrain} training images and validated on ` +
      (f.val === f.ofVal ? `all ${f.ofVal}` : `${f.val} of ${f.ofVal}`) +
      ' validation images') +
  ' while the full model was being made' +
  (f.stopped ? '; Stop ended the run and kept it.' : '.');

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
/** user text (class names) as literal markdown text: no markup, no HTML, no table breaks */
const cell = (s: string) =>
  s
    .replace(/[<>&]/g, (c) => ENTITIES[c])
    .replace(/[|\\`*_[\]#]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * A file refused because its converter's code could not be fetched (a new version deployed since
 * the page loaded, offline before the app was installed): unlike a layer the format cannot hold,
 * the next try may convert it, so the page builds again (state/model-store.ts) and a kept export
 * is converted again when read back (export-files.ts convertKept).
 */
export type RetryRefusal = { refused: string; retry: true };

/** words an earlier version wrote for a RetryRefusal, without the flag, into the metadata of models it kept */
const EARLIER_WORDS = /^its converter could not be loaded/;

export const retryable = (outcome: unknown): boolean => {
  const o = outcome as Partial<RetryRefusal> | null | undefined;
  return !!o && (o.retry === true || (typeof o.refused === 'string' && EARLIER_WORDS.test(o.refused)));
};

/** The card's lines on model.onnx and model.tflite: what each is, or why the model has none. */
export function convertedLines(
  inputSize: number,
  onnx: OnnxOutcome | null | undefined,
  tflite: TfliteOutcome | null | undefined,
): string[] {
  return [
    ...(onnx && 'file' in onnx
      ? [
          `- \`model.onnx\`: the same model as ONNX (opset ${onnx.opset}, float32, NHWC input \`${onnx.input}\`, softmax output \`${onnx.output}\`, BatchNorm folded into the convolutions); its metadata_props carry the labels and the preprocessing.`,
        ]
      : onnx
        ? [`- ${cell(onnx.refused)}`]
        : []),
    ...(tflite && 'file' in tflite
      ? [
          `- \`model.tflite\`: the same model for TFLite / LiteRT (float32, NHWC input \`${tflite.input}\` [1, ${inputSize}, ${inputSize}, 3], softmax output \`${tflite.output}\`, BatchNorm folded, ReLU6 fused); its \`transfer_studio\` metadata entry carries the labels and the preprocessing as JSON.`,
        ]
      : tflite
        ? [`- ${cell(tflite.refused)}`]
        : []),
  ];
}

/** README.md for an export: enough to know what the model is, how it was made and how well it did. */
/** How the head's features are made when the backbone joins an earlier map (registry poolAlso). */
const joinedWords = (spec: BackboneSpec): string =>
  spec.poolAlso
    ? ` (the global averages of \`${spec.featureLayer}\` and of \`${spec.poolAlso}\`, side by side: layers \`${MID_POOL}\` and \`${FEATURES_JOINED}\`)`
    : '';

export function modelCard(
  backbone: Backbone,
  classes: string[],
  settings: TrainSettings,
  facts: CardFacts,
  date = new Date(),
): string {
  const { spec } = backbone;
  // a converter whose code did not arrive: a reader of the zip has no page to try again in (convertKept adds them)
  const [onnx, tflite] = [facts.onnx, facts.tflite].map((o) => (retryable(o) ? null : o)) as [
    CardFacts['onnx'],
    CardFacts['tflite'],
  ];
  // only where the library can load it: a whole layers model on the −1…1 range it assumes
  const inTeachableMachine = !!backbone.featureModel && teachableMachineLoads(spec);
  const freeze = settings.unfreeze
    ? `top ${settings.unfreeze} backbone block${settings.unfreeze > 1 ? 's' : ''} fine-tuned above \`${facts.boundary ?? '?'}\`` +
      (settings.frozenBlocks?.length
        ? ` except ${settings.frozenBlocks.map((b) => `\`${b}\``).join(', ')} (kept frozen)`
        : '') +
      ', the rest frozen'
    : 'whole backbone frozen (head only)';
  const lines = [
    `# ${cell(spec.name)} image classifier`,
    '',
    `Trained with Transfer Studio on ${date.toISOString().slice(0, 10)}${facts.backend ? ` (${facts.backend} backend)` : ''}.`,
    '',
    '## Model',
    '',
    `- Backbone: ${cell(spec.name)} (\`${spec.id}\`), input ${spec.inputSize}×${spec.inputSize}, ${spec.featureSize} features${joinedWords(spec)}`,
    `- Freeze configuration: ${freeze}`,
    `- Parameters: ${facts.trainableParams.toLocaleString('en-US')} trained, ${facts.frozenParams.toLocaleString('en-US')} frozen`,
    `- Head: ${settings.hiddenUnits ? `dense ${settings.hiddenUnits} (ReLU) → dropout ${settings.dropout}` : `dropout ${settings.dropout}`} → dense ${classes.length} (softmax)`,
    `- Preprocessing: ${settings.cropMode === 'center' ? 'centre crop' : settings.cropMode} to ${spec.inputSize}×${spec.inputSize}, pixels scaled to [${spec.pixelRange.min}, ${spec.pixelRange.max}]`,
    '',
    '## Hyper-parameters',
    '',
    '| setting | value |',
    '| --- | --- |',
    ...Object.entries(settings).map(([k, v]) => `| ${k} | ${cell(String(v))} |`),
    '',
    '## Data and validation',
    '',
    `Validation accuracy: **${pct(facts.valAccuracy)}** (stratified split ${settings.valSplit}, seed ${settings.seed}; each image placed by its file name, the frames of a webcam hold all on one side).` +
      (facts.valAccuracyInterval
        ? ` 95% interval (Wilson score) on ${facts.valCount ?? '?'} validation images: ${pct(facts.valAccuracyInterval[0])} to ${pct(facts.valAccuracyInterval[1])}.`
        : ''),
    ...(facts.firstModel ? ['', firstModelLine(facts.firstModel)] : []),
    ...(facts.recipe
      ? [
          '',
          `Head recipe: chosen automatically by 3-fold cross-validation on the training images only: ${facts.recipe}.`,
        ]
      : []),
    ...(facts.temperature !== undefined && facts.temperature !== 1
      ? [
          '',
          `Calibration: the head's logits are divided by ${facts.temperature} (temperature scaling, fitted on the same cross-validation folds and folded into the last dense layer), so its probabilities say how often answers that sure were right on images it had not seen. Which class wins is unchanged.`,
        ]
      : []),
    ...(settings.featureNorm === 'standardise'
      ? [
          '',
          "Feature standardisation (`featureNorm`): the training features' mean and spread are folded into the head's first dense layer, so `head/` takes the raw pooled features (as in `golden.json`); standardising them again would be wrong.",
        ]
      : []),
    '',
    // a first model on part of the images: the table counts its part, as the line above says
    `| class | ${facts.firstModel ? (facts.runCounts ? 'images in the run' : 'images used') : 'images'} | validation images | recall | precision | F1 |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...classes.map((c, i) => {
      const m = facts.perClass[i];
      return `| ${cell(c)} | ${facts.classCounts[i] ?? '?'} | ${m?.count ?? 0} | ${m ? pct(m.accuracy) : '-'} | ${m ? (neverPredicted(m) ? 'never predicted' : pct(m.precision)) : '-'} | ${m ? m.f1.toFixed(3) : '-'} |`;
    }),
    '',
    '## Files',
    '',
    backbone.featureModel
      ? '- `model.json` + `weights.bin`: the whole model (backbone and head), a TF.js layers model that takes the preprocessed image.'
      : `- No whole model: ${cell(spec.name)} is a graph model, which cannot be joined to the head as one layers model (nor converted to ONNX or TFLite). Run it on the preprocessed image, average its feature map, and feed that to \`head/\`.`,
    ...convertedLines(spec.inputSize, onnx, tflite),
    settings.unfreeze
      ? '- `head/`: the head alone. The backbone was fine-tuned, so the head only predicts well on features from the backbone inside `model.json`, not from the stock one.'
      : '- `head/`: the head alone, for use on pooled features of the stock backbone.',
    inTeachableMachine
      ? '- `metadata.json`: labels, image size and the exact preprocessing; @teachablemachine/image loads `model.json` with it.'
      : '- `metadata.json`: labels, image size and the exact preprocessing.',
    '- `labels.txt`: the class names one a line, in the output order (what Android examples read beside `model.tflite`).',
    "- `golden.json` + `golden/inputs.bin`: a few validation images as exact model inputs with the expected probabilities (and the head's input features), and the studio's top-1 on every validation image: check your loading against them to 1e-4.",
    '',
    ...(inTeachableMachine
      ? [
          "The Teachable Machine library scales pixels by /127 − 1 where this model was trained with /127.5 − 1 and resizes with the canvas; its probabilities differ slightly from the studio's (see the studio's docs/export-format.md).",
          '',
        ]
      : []),
    ...runSnippets(spec, settings.cropMode, onnx, tflite),
  ];
  return lines.join('\n');
}

/**
 * Trained vs frozen parameter counts for a head on a backbone with its top `unfreeze` blocks trained:
 * the trained blocks' trainable weights only (their BatchNorm moving statistics are not trained, so
 * they count as frozen), as the layer map counts them.
 */
export function paramSplit(
  backbone: Backbone,
  headParams: number,
  unfreeze: number,
  frozenBlocks?: readonly string[],
): { trainable: number; frozen: number } {
  const tuned = trainedBlocks(backboneBlocks(backbone), unfreeze, frozenBlocks).reduce(
    (a, b) => a + b.trainableParams,
    0,
  );
  return { trainable: headParams + tuned, frozen: backbone.paramCount - tuned };
}

/**
 * The card's facts from a finished run; `labels` are the class indices of every image the run could
 * read, counted when the outcome does not carry the images per class it used.
 */
export function cardFacts(
  backbone: Backbone,
  outcome: TrainOutcome,
  settings: TrainSettings,
  labels: Iterable<number>,
  backend?: string,
): CardFacts {
  const { trainable, frozen } = paramSplit(
    backbone,
    outcome.head.model.countParams(),
    settings.unfreeze,
    settings.frozenBlocks,
  );
  const used = outcome.imagesPerClass;
  return {
    classCounts: used ? used.train.map((n, c) => n + (used.val[c] ?? 0)) : countByClass(labels, outcome.classes.length),
    ...(!used && outcome.partOf && { runCounts: true }),
    valAccuracy: outcome.valAccuracy,
    valAccuracyInterval: outcome.valAccuracyInterval,
    valCount: outcome.images.val,
    // a first model on every image has no part: it still is one (its card read as the full model's)
    ...((outcome.partOf || outcome.phase === 'first') && {
      firstModel: {
        train: outcome.images.train,
        ofTrain: outcome.partOf?.train ?? outcome.images.train,
        val: outcome.images.val,
        ofVal: outcome.partOf?.val ?? outcome.images.val,
        stopped: !!outcome.stopped,
      },
    }),
    ...(outcome.recipe && { recipe: describeRecipe(outcome.recipe.chosen) }),
    ...(outcome.recipe?.chosen.temperature !== undefined && { temperature: outcome.recipe.chosen.temperature }),
    perClass: outcome.perClass,
    boundary: outcome.boundary,
    trainableParams: trainable,
    frozenParams: frozen,
    backend,
  };
}

/** Images per class from labels (index = class). */
export function countByClass(labels: Iterable<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}
