// Pure helpers on the block list (no tfjs), so the page's layer map can use them too.
import type { BlockInfo } from './blocks';

/**
 * Layers that stay frozen inside the unfrozen top: the layers of `frozenBlocks` (names) that lie
 * above the boundary. Names outside the top `unfreeze` blocks are ignored (already frozen).
 */
export function keptFrozenLayers(
  blocks: readonly BlockInfo[],
  unfreeze: number,
  frozenBlocks: readonly string[] = [],
): Set<string> {
  const names = new Set(frozenBlocks);
  const top = unfreeze > 0 ? blocks.slice(blocks.length - unfreeze) : [];
  return new Set(top.filter((b) => names.has(b.name)).flatMap((b) => b.layers.map((l) => l.name)));
}

/** Blocks that train for a setting: the top `unfreeze` minus those kept frozen. */
export function trainedBlocks(
  blocks: readonly BlockInfo[],
  unfreeze: number,
  frozenBlocks: readonly string[] = [],
): BlockInfo[] {
  const names = new Set(frozenBlocks);
  return (unfreeze > 0 ? blocks.slice(blocks.length - unfreeze) : []).filter((b) => !names.has(b.name));
}
