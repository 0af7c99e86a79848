import { getBackboneSpec } from '../../core/backbones/registry';

/**
 * The square side frames are scaled to for the model: the model in use's input size, as live
 * frames are grabbed (state/webcam.ts), else the backbone's (before any model), else 224. An
 * imported model's size can differ from the loaded backbone's.
 */
export function cropSize(modelInputSize: number | undefined, backboneId: string | undefined): number {
  if (modelInputSize) return modelInputSize;
  try {
    return backboneId ? getBackboneSpec(backboneId).inputSize : 224;
  } catch {
    return 224;
  }
}
