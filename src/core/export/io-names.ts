// The converted models' input and output names, free of the converters, so the page can write
// code for a model it has not converted yet (ui/ExportCode.tsx).

export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'probabilities';
export const TFLITE_INPUT = 'input';
export const TFLITE_OUTPUT = 'probabilities';
