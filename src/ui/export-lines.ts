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

/**
 * What the export's check found, in plain words for the main path; its figures (the largest
 * probability difference, each part's) stay under Details. "max difference 0.0e+0" in plain view
 * meant nothing to a maker, whose question is whether the download answers as the studio does.
 */
export function exportCheckWords(check: { ok: boolean; samples: number }): string {
  const { ok, samples } = check;
  // "on 5 of your validation images" read as one of six having disagreed: the check takes a few
  const checked = `Checked on ${samples === 1 ? '1 validation image' : `${samples} validation images`}`;
  if (ok)
    return `${checked}: the exported model answers as the studio does on ${samples === 1 ? 'it' : `all ${samples}`}.`;
  // a check that could not run at all (no golden pairs, a model that did not load) compared nothing
  if (!samples) return 'The exported model could not be checked against the studio: see Details for why.';
  return `${checked}: the exported model does not answer as the studio does, so it may answer differently from Try it.`;
}
