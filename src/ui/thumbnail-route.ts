import { MAX_DECODED_SIDE } from '../core/data/crop';
import { sizeProblem, type ImageKind } from '../core/data/sniff';

/**
 * How a thumbnail gets its picture, from the file's header (Thumbnail.tsx):
 * - 'worker': a small picture made in the file-facts worker (worker/thumbnail.ts);
 * - 'jpeg-decoder': a large JPEG decoded at reduced scale through ImageDecoder on the page;
 * - 'original': the photo itself (its header could not be read, or there is no worker);
 * - 'none': nothing decodes it without a full-size decode over the 100-megapixel limit
 *   (sizeProblem), shown as "too large to preview";
 * - 'unreadable': its bytes say no decoder here can use it (text under an image's name, a cut-off
 *   download: the file-facts worker's `problem`), shown as such rather than as a broken picture.
 * Only images over that limit go unpictured: a 2560×1440 PNG screenshot, or a phone's 4000×3000
 * JPEG where there is no ImageDecoder (Safari), was a grey box called too large to preview.
 */
export type ThumbnailRoute = 'worker' | 'jpeg-decoder' | 'original' | 'none' | 'unreadable';

export function thumbnailRoute(
  facts: { error?: string; kind?: ImageKind; width?: number; height?: number; problem?: string },
  can: { worker: boolean; imageDecoder: boolean },
): ThumbnailRoute {
  if (facts.error !== undefined || !facts.kind) return 'original';
  if (facts.problem !== undefined) return 'unreadable';
  const { kind, width, height } = facts;
  const large = !!width && !!height && Math.max(width, height) > MAX_DECODED_SIDE;
  // a 10,000² photo decodes at 1/8 scale: a few MB, not 400
  if (large && kind === 'jpeg' && can.imageDecoder) return 'jpeg-decoder';
  if (sizeProblem({ kind, width, height }, false)) return 'none';
  return can.worker ? 'worker' : 'original';
}
