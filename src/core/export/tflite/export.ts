import { UnsupportedLayerError } from '../onnx/keras-graph';
import type { LayersModelFiles } from '../onnx/convert';
import type { OnnxFacts } from '../onnx/export';
import { layersModelToTflite, TFLITE_INPUT, TFLITE_OUTPUT } from './convert';

export const TFLITE_FILE = 'model.tflite';
/** the TFLite metadata entry holding labels and preprocessing as JSON */
export const TFLITE_METADATA = 'transfer_studio';

/** What the export says about its TFLite file (metadata.json's `tflite`, the model card, the UI). */
export type TfliteOutcome =
  { file: string; layout: 'NHWC'; input: string; output: string; bytes: number; ms: number } | { refused: string };

/** model.tflite from the standalone layers model; a layer it cannot express refuses the file, not the whole export. */
export function tfliteFile(
  model: LayersModelFiles,
  facts: OnnxFacts,
): { bytes: Uint8Array | null; outcome: TfliteOutcome } {
  const t0 = performance.now();
  const n = facts.inputSize;
  const about = {
    labels: facts.labels,
    backbone: facts.backbone,
    input: `${TFLITE_INPUT}: NHWC [1, ${n}, ${n}, 3], RGB, float32 (resize the input tensor for larger batches)`,
    inputSize: n,
    inputRange: facts.pixelRange,
    inputScaling: facts.pixelScaling,
    cropMode: facts.cropMode,
    resize: facts.resize,
    output: `${TFLITE_OUTPUT}: softmax over labels, [1, ${facts.labels.length}]`,
    producer: `transfer-studio (TF.js ${facts.version})`,
  };
  try {
    const bytes = layersModelToTflite(model, {
      inputSize: n,
      description: `Image classifier trained with Transfer Studio on ${facts.backbone}; labels and preprocessing in the "${TFLITE_METADATA}" metadata (JSON).`,
      metadata: { [TFLITE_METADATA]: new TextEncoder().encode(JSON.stringify(about)) },
    });
    const ms = performance.now() - t0;
    return {
      bytes,
      outcome: {
        file: TFLITE_FILE,
        layout: 'NHWC',
        input: TFLITE_INPUT,
        output: TFLITE_OUTPUT,
        bytes: bytes.byteLength,
        ms,
      },
    };
  } catch (err) {
    const what =
      err instanceof UnsupportedLayerError ? err.message : `the model cannot be written: ${(err as Error).message}`;
    return { bytes: null, outcome: { refused: `No ${TFLITE_FILE}: ${what}` } };
  }
}
