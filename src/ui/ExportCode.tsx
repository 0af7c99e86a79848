import { useState } from 'react';
import { findBackboneSpec } from '../core/backbones/registry';
import { tfjsSnippet } from '../core/export/run-snippets';
import { useBackbone } from '../state/backbone';
import { useTraining } from '../state/training';

/**
 * "Use it in your code": the zip's TF.js lines on the page, with Copy, as Teachable Machine's export
 * shows its snippet. They were only in the zip's README, and a maker reading the Export panel saw
 * buttons and no code. The same lines as the model card's (run-snippets.ts), so the two agree.
 */
export function ExportCode() {
  const id = useBackbone((s) => s.loaded?.id);
  // the crop the model was trained with: the exported model expects its photos prepared so
  const crop = useTraining((s) => s.result?.settings.cropMode ?? s.settings.cropMode);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const spec = id ? findBackboneSpec(id) : undefined;
  if (!spec) return null;
  const code = tfjsSnippet(spec, crop).join('\n');
  // a page served over plain http (not localhost) has no clipboard: said as a refused copy, not thrown
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <details className="export-code">
      <summary>Use it in your code</summary>
      <p className="hint">
        {spec.format === 'graph' ? (
          <>
            A web page with <code>@tensorflow/tfjs</code> and <code>@tensorflow-models/mobilenet</code>, beside the
            zip&apos;s <code>head/</code> and <code>metadata.json</code>
          </>
        ) : (
          <>
            A web page with <code>@tensorflow/tfjs</code>, beside the zip&apos;s <code>model.json</code>, its weights
            and <code>metadata.json</code>
          </>
        )}{' '}
        (<code>img</code>: an image of <code>w</code>×<code>h</code> pixels). It prepares the photo as the studio does
        and prints the top class:
      </p>
      {/* a Tab stop: a long line scrolls sideways, from the keyboard too */}
      <pre className="code-block" tabIndex={0} role="region" aria-label="TF.js code for the downloaded model">
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
        Python (ONNX, TFLite), JavaScript for ONNX and TFLite, and a check that your code answers as the studio does:
        the zip&apos;s README.md.
      </p>
    </details>
  );
}
