import type { LabelledImage } from '../core/data/train-val';
import type { ImageInput } from './protocol';

/** An image as the split takes it: by its file's name, which also says a webcam frame's hold. */
export function labelledImage({ id, label, blob }: ImageInput): LabelledImage {
  return blob instanceof File ? { id, label, name: blob.name } : { id, label };
}
