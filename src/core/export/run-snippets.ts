import type { BackboneSpec } from '../backbones/registry';
import type { CropMode } from '../data/crop';
import { ONNX_INPUT, ONNX_OUTPUT, TFLITE_INPUT, TFLITE_OUTPUT } from './io-names';
import type { OnnxOutcome } from './onnx/export';
import type { TfliteOutcome } from './tflite/export';

/**
 * The model card's "How to run": a few lines each of Python (onnxruntime, LiteRT) and JavaScript
 * (tfjs, onnxruntime-web, LiteRT.js), with the studio's preprocessing spelled out, and the golden check that proves
 * a setup reproduces the studio.
 */

/**
 * Whether Teachable Machine's library (@teachablemachine/image) predicts right with this backbone's
 * export: it loads a whole layers model and always scales pixels to −1…1, so a backbone trained on
 * another range would load but answer wrongly. The model card and the Export panel both ask this.
 */
export const teachableMachineLoads = (spec: Pick<BackboneSpec, 'format' | 'pixelRange'>): boolean =>
  spec.format === 'layers' && spec.pixelRange.min === -1 && spec.pixelRange.max === 1;

const CROP_PY: Record<CropMode, string> = {
  center:
    's = min(img.size); img = img.crop(((img.width - s) // 2, (img.height - s) // 2, (img.width + s) // 2, (img.height + s) // 2))',
  squash: '',
  pad: "s = max(img.size); sq = Image.new('RGB', (s, s)); sq.paste(img, ((s - img.width) // 2, (s - img.height) // 2)); img = sq",
};

/** opened as the studio decodes: EXIF orientation applied, transparency on white (not dropped, as convert('RGB') does) */
const OPEN_PY = [
  "img = ImageOps.exif_transpose(Image.open('photo.jpg')).convert('RGBA')",
  "img = Image.alpha_composite(Image.new('RGBA', img.size, 'white'), img).convert('RGB')  # transparency on white",
];

/** the top class by name: `metadata.json` beside the model holds the labels in the output's order */
const TOP_PY = ["labels = json.load(open('metadata.json'))['labels']", 'print(labels[p.argmax()], p.max())'];

/**
 * The studio's crop box (data/crop.ts cropRegion): cropAndResize puts 0 and 1 on the first and last
 * pixel centres, so a box divided by w and h crops a fraction of a pixel off (300×225: 0.125 where
 * the studio has 0.12542). The studio box-filters a large photo first; the snippet crops it whole.
 */
const ENDS_JS = (side: string) =>
  `const s = ${side}, ends = (n) => (n > 1 ? [(n - s) / 2 / (n - 1), ((n + s) / 2 - 1) / (n - 1)] : [0, 0]), [y0, y1] = ends(h), [x0, x1] = ends(w), box = [y0, x0, y1, x1];`;

const CROP_JS: Record<CropMode, string> = {
  center: ENDS_JS('Math.min(w, h)'),
  squash: 'const box = [0, 0, 1, 1];',
  pad: `${ENDS_JS('Math.max(w, h)')} // outside the photo is black`,
};

/** `spec`: what a kept export's metadata.json still says of it is enough (export-files.ts convertKept) */
export function runSnippets(
  spec: Pick<BackboneSpec, 'inputSize' | 'pixelRange'> & Partial<Pick<BackboneSpec, 'format'>>,
  cropMode: CropMode,
  onnx: OnnxOutcome | null | undefined,
  tflite?: TfliteOutcome | null,
): string[] {
  const n = spec.inputSize;
  const { min, max } = spec.pixelRange;
  const scale = `${max - min} / 255`;
  const add = min < 0 ? ` - ${-min}` : min > 0 ? ` + ${min}` : '';
  const lines = [
    '## How to run',
    '',
    `Input: an RGB image, ${cropMode === 'center' ? 'centre-cropped to a square' : cropMode === 'pad' ? 'padded with black to a square' : 'stretched to a square'}, resized to ${n}×${n}, ` +
      `pixels scaled to [${min}, ${max}] (x · ${scale}${add}), as float32 **NHWC** \`[batch, ${n}, ${n}, 3]\` for every format. ` +
      "Output: softmax probabilities in the order of `metadata.json`'s `labels`. The studio resizes with corner-aligned bilinear " +
      `(\`tf.image.cropAndResize\`), after a box filter by floor(side / ${n}) for photos at least twice that size; other resizers differ slightly, so compare top-1 with \`golden.json\`'s \`validation\`, and probabilities with its exact inputs.`,
    '',
  ];
  if (onnx && 'file' in onnx) {
    lines.push(
      `**Python, ONNX** (\`pip install onnxruntime pillow numpy\`; \`model.onnx\` is opset ${onnx.opset}, input \`${onnx.input}\`, output \`${onnx.output}\`, BatchNorm folded into the convolutions):`,
      '',
      '```python',
      ...onnxPythonSnippet(spec, cropMode, onnx),
      '```',
      '',
      "The same model on `golden.json`'s exact inputs (prints the largest difference from the studio; under `tolerance`, 1e-4):",
      '',
      '```python',
      "import json, numpy as np, onnxruntime as ort; g = json.load(open('golden.json')); i = g['inputs']",
      "x = np.fromfile(i['file'], np.uint8).reshape(i['shape']).astype(np.float32) * i['multiply'] + i['add']",
      `print(abs(ort.InferenceSession('model.onnx').run(None, {'${onnx.input}': x})[0] - [s['probabilities'] for s in g['samples']]).max())`,
      '```',
      '',
    );
  } else if (onnx) {
    lines.push(`**ONNX**: ${onnx.refused}`, '');
  }
  if (tflite && 'file' in tflite) {
    const runner = "Interpreter('model.tflite').get_signature_runner()";
    lines.push(
      `**Python, TFLite** (\`pip install ai-edge-litert pillow numpy\`; with \`tflite_runtime\` import \`Interpreter\` from \`tflite_runtime.interpreter\`; input \`${tflite.input}\` [1, ${n}, ${n}, 3], output \`${tflite.output}\`):`,
      '',
      '```python',
      ...tflitePythonSnippet(spec, cropMode, tflite),
      '```',
      '',
      "On `golden.json`'s exact inputs, one image at a time (prints the largest difference from the studio):",
      '',
      '```python',
      `import json, numpy as np; from ai_edge_litert.interpreter import Interpreter; g = json.load(open('golden.json')); i = g['inputs']; run = ${runner}`,
      "x = np.fromfile(i['file'], np.uint8).reshape(i['shape']).astype(np.float32) * i['multiply'] + i['add']",
      `print(max(abs(run(${tflite.input}=x[k:k + 1])['${tflite.output}'][0] - s['probabilities']).max() for k, s in enumerate(g['samples'])))`,
      '```',
      '',
    );
  } else if (tflite) {
    lines.push(`**TFLite**: ${tflite.refused}`, '');
  }
  lines.push(
    spec.format === 'graph'
      ? '**JavaScript, TF.js** (`@tensorflow/tfjs` and `@tensorflow-models/mobilenet`, whose MobileNet v1 α0.25 is the backbone this head was trained on; `img` an HTMLImageElement of `w`×`h` pixels):'
      : '**JavaScript, TF.js** (`@tensorflow/tfjs`; `img` an HTMLImageElement of `w`×`h` pixels):',
    '',
    '```js',
    ...tfjsSnippet(spec, cropMode),
    '```',
    '',
  );
  if (onnx && 'file' in onnx) {
    lines.push(
      '**JavaScript, ONNX** (`onnxruntime-web`; `x` as above, or any float32 NHWC array prepared the same way):',
      '',
      '```js',
      "import * as ort from 'onnxruntime-web';",
      "const session = await ort.InferenceSession.create('model.onnx');",
      `const { ${onnx.output} } = await session.run({ ${onnx.input}: new ort.Tensor('float32', await x.data(), [1, ${n}, ${n}, 3]) });`,
      '```',
      '',
    );
  }
  if (tflite && 'file' in tflite) {
    lines.push(
      '**JavaScript, TFLite** (`@litertjs/core`, LiteRT.js, with its `wasm/` folder served beside the page; `x` as above):',
      '',
      '```js',
      "import { loadLiteRt, loadAndCompile, Tensor } from '@litertjs/core'; await loadLiteRt('/litert-wasm/');",
      "const model = await loadAndCompile('model.tflite', { accelerator: 'wasm' });",
      `const probabilities = (await model.run(new Tensor(await x.data(), [1, ${n}, ${n}, 3])))[0].toTypedArray();`,
      '```',
      '',
    );
  }
  return lines;
}

/** a photo prepared as the studio prepares it, in Python: `x`, one image's batch */
function pythonPixels(spec: Pick<BackboneSpec, 'inputSize' | 'pixelRange'>, cropMode: CropMode): string[] {
  const n = spec.inputSize;
  const { min, max } = spec.pixelRange;
  const add = min < 0 ? ` - ${-min}` : min > 0 ? ` + ${min}` : '';
  // one statement a line: joined with semicolons they ran past 200 characters
  return [
    ...OPEN_PY,
    ...(CROP_PY[cropMode] ? CROP_PY[cropMode].split('; ') : []),
    `x = (np.asarray(img.resize((${n}, ${n}), Image.BILINEAR), np.float32) * ${max - min} / 255${add})[None]`,
  ];
}

/** names of a converted model's input and output (io-names.ts; an export's outcome says them too) */
type Io = { input: string; output: string };

/**
 * The Python lines for `model.onnx` beside `metadata.json` (the model card's, and Export's "Use it
 * in your code"): the photo prepared as the studio prepares it, the answer, its class by name.
 */
export function onnxPythonSnippet(
  spec: Pick<BackboneSpec, 'inputSize' | 'pixelRange'>,
  cropMode: CropMode,
  { input, output }: Io = { input: ONNX_INPUT, output: ONNX_OUTPUT },
): string[] {
  return [
    'import json',
    'import numpy as np, onnxruntime as ort',
    'from PIL import Image, ImageOps',
    '',
    ...pythonPixels(spec, cropMode),
    `p = ort.InferenceSession('model.onnx').run(['${output}'], {'${input}': x})[0][0]  # probabilities`,
    ...TOP_PY,
  ];
}

/** The same for `model.tflite`, with LiteRT's interpreter. */
export function tflitePythonSnippet(
  spec: Pick<BackboneSpec, 'inputSize' | 'pixelRange'>,
  cropMode: CropMode,
  { input, output }: Io = { input: TFLITE_INPUT, output: TFLITE_OUTPUT },
): string[] {
  return [
    'import json',
    'import numpy as np',
    'from ai_edge_litert.interpreter import Interpreter',
    'from PIL import Image, ImageOps',
    '',
    ...pythonPixels(spec, cropMode),
    `p = Interpreter('model.tflite').get_signature_runner()(${input}=x)['${output}'][0]  # probabilities`,
    ...TOP_PY,
  ];
}

/**
 * The TF.js lines for the zip's model (the model card's, and Export's "Use it in your code"): the
 * photo prepared as the studio prepares it, the model's answer, and its class by name.
 */
export function tfjsSnippet(
  spec: Pick<BackboneSpec, 'inputSize' | 'pixelRange'> & Partial<Pick<BackboneSpec, 'format'>>,
  cropMode: CropMode,
): string[] {
  const n = spec.inputSize;
  const { min, max } = spec.pixelRange;
  const scale = `${max - min} / 255`;
  // a graph backbone's zip holds the head alone: the backbone is @tensorflow-models/mobilenet's own
  const graph = spec.format === 'graph';
  return [
    ...(graph
      ? [
          "import * as mobilenet from '@tensorflow-models/mobilenet';",
          "const backbone = await mobilenet.load({ version: 1, alpha: 0.25 }), head = await tf.loadLayersModel('head/model.json');",
        ]
      : ["const model = await tf.loadLayersModel('model.json');"]),
    // one statement a line: on one line they scrolled far out of Export's code box
    "const c = Object.assign(document.createElement('canvas'), { width: w, height: h });",
    "const g = c.getContext('2d');",
    "g.fillStyle = 'white'; // transparency on white, as the studio decodes",
    'g.fillRect(0, 0, w, h);',
    'g.drawImage(img, 0, 0, w, h);',
    CROP_JS[cropMode],
    `const x = tf.tidy(() => tf.image.cropAndResize(tf.browser.fromPixels(c).toFloat().expandDims(0), [box], [0], [${n}, ${n}]).mul(${scale})${min ? `.add(${min})` : ''});`,
    graph
      ? // its infer() takes 0-255 pixels and scales them itself: the studio fed it the same way
        `const probabilities = await head.predict(backbone.infer(x.sub(${min}).mul(${255 / (max - min)}), true)).data();`
      : 'const probabilities = await model.predict(x).data();',
    // the answer by name, as Try it gives it: the labels are metadata.json's, in the output's order
    "const { labels } = await (await fetch('metadata.json')).json();",
    'const top = probabilities.indexOf(Math.max(...probabilities));',
    'console.log(labels[top], probabilities[top]);',
  ];
}
