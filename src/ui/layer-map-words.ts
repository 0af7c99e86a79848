import { resolveSettings, type TrainSettings } from '../core/train/settings';
/**
 * The layer map's lead sentence: what the freeze choice means to someone who has never heard of a
 * backbone block. Its claims follow docs/accuracy.md's fine-tuning rows: head only is within a
 * point of fine-tuning on the suite, the clear gain was hand signs (the data farthest from the
 * photos the backbone learned from), and each block trained adds minutes (user guide).
 */
export function choiceSentence({
  blocks,
  unfreeze,
  trained,
}: {
  /** the backbone's block count */
  blocks: number;
  /** the top blocks the boundary leaves unfrozen */
  unfreeze: number;
  /** those of them that train (the rest are kept frozen one by one) */
  trained: number;
}): string {
  if (unfreeze === 0 || trained === 0)
    return 'Only the small head on top trains; the backbone stays as it is. That is fastest and right for most projects.';
  const kept = unfreeze - trained;
  const plural = trained > 1;
  const who = kept
    ? `${trained} block${plural ? 's' : ''} near the top ${plural ? 'train' : 'trains'} with the head (${kept} kept as ${kept > 1 ? 'they are' : 'it is'})`
    : trained === blocks
      ? 'Every block of the backbone trains with the head'
      : plural
        ? `The top ${trained} blocks train with the head`
        : 'The top block trains with the head';
  // 1 block took 3.4 min, 3 took 8.8 and 4 took 25 on sign-language-digits (user guide's table)
  const pace = unfreeze >= 3 ? 'much slower' : 'slower';
  return `${who}: ${pace}, and it can help with photos unlike everyday ones (hand signs, medical scans, satellite views); for most projects it changes little.`;
}

/** What the layer map says of the head's input (headInput). */
export interface HeadInput {
  /**
   * The plain line, where the head reads an earlier map beside the last one (registry poolAlso);
   * null where it reads the last block alone, which the map shows without words.
   */
  plain: string | null;
  /** the layers and their widths, for the curious: a title, and the layer list of `blocks` */
  exact: string;
  /** the blocks those layers are in, the last first */
  blocks: string[];
}

type ReadBlock = {
  name: string;
  layers: readonly { name: string }[];
  outputLayer: string;
  outputShape: readonly number[];
};

/**
 * What the head reads, worked out from the backbone: the feature layer, and the earlier map pooled
 * beside it where the spec names one, each with the block it is in. The widths come from the spec's
 * feature count and the feature layer's channels (its block's output), never from a table here.
 * Null without blocks (a graph or brought backbone has no map).
 */
export function headInput(
  spec: { featureLayer: string; poolAlso?: string; featureSize: number },
  blocks: readonly ReadBlock[],
): HeadInput | null {
  const last = blocks.at(-1);
  if (!last) return null;
  const at = (layer: string) => blocks.find((b) => b.layers.some((l) => l.name === layer));
  const where = (layer: string, b: ReadBlock | undefined) =>
    !b ? layer : `${layer} (${b.outputLayer === layer ? `${b.name}'s output` : `inside ${b.name}`})`;
  const main = at(spec.featureLayer) ?? last;
  if (!spec.poolAlso)
    return {
      plain: null,
      exact: `The head reads ${where(spec.featureLayer, main)}, averaged over the image: ${spec.featureSize} features.`,
      blocks: [main.name],
    };
  const also = at(spec.poolAlso);
  const mainSize = main.outputShape.at(-1) ?? 0;
  return {
    // the earlier map is twice the last one's side (registry poolAlso): smaller patterns, more of the
    // image's layout; docs/accuracy.md "final + mid1" measured it a little above the last map alone
    plain:
      'The head sees each image two ways: the big picture from the last block, and finer detail from an earlier one (a little more accurate in our tests).',
    exact:
      `The head reads ${where(spec.featureLayer, main)} and ${where(spec.poolAlso, also)}, each averaged over the image: ` +
      `${mainSize} + ${spec.featureSize - mainSize} = ${spec.featureSize} features.`,
    blocks: also ? [main.name, also.name] : [main.name],
  };
}

/**
 * The blocks the Keras MobileNets name without a number, each with a short label that no block_N
 * can take, and what it is in plain words. Keras builds v2's expanded_conv as block 0 (the block
 * before block_1), so it keeps that number.
 */
const NAMED_BLOCKS: Record<string, { label: string; what: string }> = {
  stem: { label: 'in', what: 'the first layers, which read the image' },
  expanded_conv: { label: '0', what: 'the first block after the stem' },
  Conv_1: { label: 'top', what: 'the backbone’s last layers, just before the head' },
};

/**
 * The label under a block's bar, from its own name (block_13 → 13), never its place in the list:
 * v2's block_13 is the 15th block, and the bar labelled 14 read "Layers of block_13".
 */
export function blockLabel(name: string): string {
  const numbered = /^block_(\d+)$/.exec(name);
  if (numbered) return numbered[1];
  if (NAMED_BLOCKS[name]) return NAMED_BLOCKS[name].label;
  // a block named after an unfamiliar layer (blocks.ts blockKey): letters, never a number
  return name.length <= 4 ? name : `${name.slice(0, 3)}…`;
}

/** A block's name, with its bar's label where that is not the number in the name: "Conv_1 (top)". */
export function blockNamed(name: string): string {
  const label = blockLabel(name);
  return /^block_\d+$/.test(name) || label === name ? name : `${name} (${label})`;
}

/** What a bar is, for its title: the block's name, and for the plain-word labels what they stand for. */
export function blockTitle(name: string): string {
  const named = NAMED_BLOCKS[name];
  return named ? `${blockNamed(name)}: ${named.what}` : name;
}

/**
 * Why "Freeze whole backbone (head only)" cannot be pressed, said beside it (aria-describedby), or null
 * while it can: disabled with nothing said, it looked like an empty text box.
 */
export function freezeAllWhy({ headOnly, running }: { headOnly: boolean; running: boolean }): string | null {
  if (headOnly) return 'Already head only: the whole backbone is frozen.';
  if (running) return 'The backbone’s blocks can change when the run ends.';
  return null;
}

/**
 * What the head of a fine-tuning run trains with, said under the map once blocks are unfrozen:
 * the automatic recipe chooses head-only runs only, so moving the boundary swapped the head it had
 * chosen (often linear) for the fields as set (a hidden layer of 512, four views, a cosine
 * schedule), and only the folded Training settings said so. Null for a head-only run.
 */
export function fineTuneHeadWords(settings: TrainSettings): string | null {
  if (settings.unfreeze <= 0) return null;
  const r = resolveSettings(settings);
  const head =
    r.hiddenUnits > 0
      ? `a hidden layer of ${r.hiddenUnits} units (dropout ${r.dropout})`
      : `a linear head${r.dropout > 0 ? ` (dropout ${r.dropout})` : ''}`;
  const views = r.augmentViews ?? 0;
  const how =
    settings.recipe === 'manual'
      ? 'as set in the Train step'
      : 'as set in the Train step, not by the automatic recipe (that is for head-only runs)';
  return `Fine-tuning trains its head ${how}: ${head}, learning rate ${r.learningRate} on a ${r.lrSchedule} schedule, ${r.epochs} epochs, ${views ? `${views} augmented view${views > 1 ? 's' : ''} per image` : 'no augmented views'}.`;
}
