import { useState, type ReactNode } from 'react';
import { findBackboneSpec, type BackboneSpec } from '../core/backbones/registry';
import type { CropMode } from '../core/data/crop';
import { onnxPythonSnippet, tflitePythonSnippet, tfjsSnippet } from '../core/export/run-snippets';
import { useBackbone } from '../state/backbone';
import { useTraining } from '../state/training';

/** a runtime the page writes code for: its name on the choice, what the code needs, and the code */
interface CodeFor {
  id: 'tfjs' | 'onnx' | 'tflite';
  label: string;
  /** the region's name (the box scrolls, and is a Tab stop) */
  region: string;
  needs: (spec: BackboneSpec) => ReactNode;
  lines: (spec: BackboneSpec, crop: CropMode) => string[];
}

const PYTHON_FILES = (model: string) => (
  <>
    beside <code>{model}</code> and <code>metadata.json</code> (the zip&apos;s, or each from Single files)
  </>
);

const RUNTIMES: readonly CodeFor[] = [
  {
    id: 'tfjs',
    label: 'JavaScript (TF.js)',
    region: 'TF.js code for the downloaded model',
    needs: (spec) =>
      spec.format === 'graph' ? (
        <>
          A web page with <code>@tensorflow/tfjs</code> and <code>@tensorflow-models/mobilenet</code>, beside the
          zip&apos;s <code>head/</code> and <code>metadata.json</code> (<code>img</code>: an image of <code>w</code>×
          <code>h</code> pixels)
        </>
      ) : (
        <>
          A web page with <code>@tensorflow/tfjs</code>, beside the zip&apos;s <code>model.json</code>, its weights and{' '}
          <code>metadata.json</code> (<code>img</code>: an image of <code>w</code>×<code>h</code> pixels)
        </>
      ),
    lines: tfjsSnippet,
  },
  {
    id: 'onnx',
    label: 'Python (ONNX)',
    region: 'Python code for model.onnx',
    needs: () => (
      <>
        Python with <code>pip install onnxruntime pillow numpy</code>, {PYTHON_FILES('model.onnx')}, for a{' '}
        <code>photo.jpg</code>
      </>
    ),
    lines: (spec, crop) => onnxPythonSnippet(spec, crop),
  },
  {
    id: 'tflite',
    label: 'Python (TFLite)',
    region: 'Python code for model.tflite',
    needs: () => (
      <>
        Python with <code>pip install ai-edge-litert pillow numpy</code> (a Raspberry Pi too),{' '}
        {PYTHON_FILES('model.tflite')}, for a <code>photo.jpg</code>
      </>
    ),
    lines: (spec, crop) => tflitePythonSnippet(spec, crop),
  },
];

/**
 * "Use it in your code": a few lines for each of the Export panel's models, with Copy, as Teachable
 * Machine's export shows its snippets (TF.js, Keras, TFLite). They were only in the zip's README, and
 * a maker reading the Export panel saw buttons and no code. The same lines as the model card's
 * (run-snippets.ts), so the two agree. A graph backbone's export has no ONNX or TFLite: TF.js alone.
 */
export function ExportCode() {
  const id = useBackbone((s) => s.loaded?.id);
  // the crop the model was trained with: the exported model expects its photos prepared so
  const crop = useTraining((s) => s.result?.settings.cropMode ?? s.settings.cropMode);
  const [chosen, setChosen] = useState<CodeFor['id']>('tfjs');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const spec = id ? findBackboneSpec(id) : undefined;
  if (!spec) return null;
  const offered = spec.format === 'graph' ? RUNTIMES.slice(0, 1) : RUNTIMES;
  const runtime = offered.find((r) => r.id === chosen) ?? offered[0];
  const code = runtime.lines(spec, crop).join('\n');
  // a page served over plain http (not localhost) has no clipboard: said as a refused copy, not thrown
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  const choose = (r: CodeFor['id']) => {
    setChosen(r);
    setCopied(null);
  };
  return (
    <details className="export-code">
      <summary>Use it in your code</summary>
      {offered.length > 1 && (
        <fieldset className="code-runtimes">
          <legend className="visually-hidden">Code for</legend>
          {offered.map((r) => (
            <label key={r.id}>
              <input
                type="radio"
                name="export-code-runtime"
                value={r.id}
                checked={r.id === runtime.id}
                onChange={() => choose(r.id)}
              />{' '}
              {r.label}
            </label>
          ))}
        </fieldset>
      )}
      <p className="hint">{runtime.needs(spec)}. It prepares the photo as the studio does and prints the top class:</p>
      {/* a Tab stop: a long line scrolls sideways, from the keyboard too */}
      <pre className="code-block" tabIndex={0} role="region" aria-label={runtime.region}>
        <code>{code}</code>
      </pre>
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          Copy code
        </button>
        <span role="status" className="hint">
          {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Could not copy: select the code and copy it.' : ''}
        </span>
      </div>
      <p className="hint">
        JavaScript for ONNX and TFLite, and a check that your code answers as the studio does: the zip&apos;s README.md.
      </p>
    </details>
  );
}
