import { describe, expect, it } from 'vitest';
import { converterLines } from '../src/ui/export-lines';

describe("the export's converter lines beside its alert", () => {
  const onnx = 'No model.onnx: the ONNX converter could not be loaded (offline?)';
  const tflite = 'TFLite: model.tflite (float32, NHWC input, BatchNorm folded, ReLU6 fused), 0.96 MB, written in 40 ms';

  it('leaves out the line the alert says already, keeping the other', () => {
    expect(converterLines({ onnx, tflite }, onnx)).toEqual({ onnx: null, tflite });
  });

  it('shows both lines when there is no alert, or an alert about something else', () => {
    expect(converterLines({ onnx, tflite }, null)).toEqual({ onnx, tflite });
    expect(converterLines({ onnx, tflite }, 'Train a model first')).toEqual({ onnx, tflite });
    expect(converterLines(null, onnx)).toEqual({ onnx: null, tflite: null });
  });
});
