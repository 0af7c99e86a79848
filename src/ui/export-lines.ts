/**
 * The converters' lines under the check, less the one the alert below says already: a refused
 * ONNX or TFLite download is said by the alert, and the same words above it read twice.
 */
export function converterLines(
  lines: { onnx: string | null; tflite: string | null } | null,
  alert: string | null,
): { onnx: string | null; tflite: string | null } {
  const keep = (line: string | null | undefined) => (line && line !== alert ? line : null);
  return { onnx: keep(lines?.onnx), tflite: keep(lines?.tflite) };
}
