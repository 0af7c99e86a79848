import { describe, expect, it } from 'vitest';
import { getBackboneSpec } from '../src/core/backbones/registry';
import { runSnippets } from '../src/core/export/run-snippets';

/** the model card's TF.js snippet for `id`, its code lines */
function jsSnippet(id: string): string[] {
  const lines = runSnippets(getBackboneSpec(id), 'center', null, null);
  const start = lines.indexOf(
    '```js',
    lines.findIndex((l) => l.startsWith('**JavaScript, TF.js**')),
  );
  return lines.slice(start + 1, lines.indexOf('```', start + 1));
}

describe("the model card's TF.js snippet for a graph backbone", () => {
  it('loads the head the zip holds and the backbone from @tensorflow-models/mobilenet (the zip has no model.json)', () => {
    const code = jsSnippet('mobilenet-v1-0.25-graph').join('\n');
    expect(code).not.toContain("loadLayersModel('model.json')");
    expect(code).toContain("import * as mobilenet from '@tensorflow-models/mobilenet';");
    expect(code).toContain('mobilenet.load({ version: 1, alpha: 0.25 })');
    expect(code).toContain("tf.loadLayersModel('head/model.json')");
    // its input range is 0…1: infer() is handed 0-255 pixels, as the studio hands them
    expect(code).toContain('head.predict(backbone.infer(x.sub(0).mul(255), true))');
  });

  it('a layers backbone loads the whole model as before', () => {
    const code = jsSnippet('mobilenet-v1-0.25').join('\n');
    expect(code).toContain("const model = await tf.loadLayersModel('model.json');");
    expect(code).not.toContain('mobilenet.load');
  });
});
