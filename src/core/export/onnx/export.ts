import { layersModelToOnnx, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, type LayersModelFiles } from './convert';
import { UnsupportedLayerError } from './keras-graph';

export const ONNX_FILE = 'model.onnx';

/** What the export says about its ONNX file (metadata.json's `onnx`, the model card, the UI). */
export type OnnxOutcome =
  | { file: string; opset: number; layout: 'NHWC'; input: string; output: string; bytes: number; ms: number }
  | { refused: string };

/** The preprocessing facts that travel in metadata_props, as plain strings. */
export interface OnnxFacts {
  labels: string[];
  backbone: string;
  inputSize: number;
  cropMode: string;
  pixelRange: [number, number];
  pixelScaling: string;
  resize: string;
  version: string;
}

/** model.onnx from the standalone layers model; a layer it cannot express refuses the file, not the whole export. */
export function onnxFile(
  model: LayersModelFiles,
  facts: OnnxFacts,
): { bytes: Uint8Array | null; outcome: OnnxOutcome } {
  const t0 = performance.now();
  const metadata = {
    labels: JSON.stringify(facts.labels),
    backbone: facts.backbone,
    input_layout: `NHWC [batch, ${facts.inputSize}, ${facts.inputSize}, 3], RGB, float32`,
    input_size: String(facts.inputSize),
    input_range: JSON.stringify(facts.pixelRange),
    input_scaling: facts.pixelScaling,
    crop_mode: facts.cropMode,
    resize: facts.resize,
    output: `${ONNX_OUTPUT}: softmax over labels, [batch, ${facts.labels.length}]`,
  };
  try {
    const bytes = layersModelToOnnx(model, {
      inputSize: facts.inputSize,
      metadata,
      producerVersion: facts.version,
      docString: `Image classifier trained with Transfer Studio on ${facts.backbone}; labels, preprocessing and layout in metadata_props.`,
    });
    const ms = performance.now() - t0;
    return {
      bytes,
      outcome: {
        file: ONNX_FILE,
        opset: ONNX_OPSET,
        layout: 'NHWC',
        input: ONNX_INPUT,
        output: ONNX_OUTPUT,
        bytes: bytes.byteLength,
        ms,
      },
    };
  } catch (err) {
    // the TF.js files are still right; a model ONNX cannot hold exactly gets no ONNX file, with the reason
    const what =
      err instanceof UnsupportedLayerError ? err.message : `the model cannot be written: ${(err as Error).message}`;
    return { bytes: null, outcome: { refused: `No ${ONNX_FILE}: ${what}` } };
  }
}
