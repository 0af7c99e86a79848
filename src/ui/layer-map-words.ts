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
