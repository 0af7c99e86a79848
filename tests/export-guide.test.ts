import { describe, expect, it, vi } from 'vitest';
import { all, byId, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { BACKBONES } = await import('../src/core/backbones/registry');
const { useBackbone } = await import('../src/state/backbone');
const { exportOffer } = await import('../src/ui/export-offer');
const { ExportButton } = await import('../src/ui/ExportButton');

/**
 * The Export panel says which download is for what: seven buttons in a row gave no hint that the
 * zip's README holds the code for a web page or Node, or which file a phone or Python wants.
 */
const graph = BACKBONES.find((b) => b.format === 'graph')!;
const onBackbone = (id: string) => seed(useBackbone, { loaded: { id } as never });

/** the panel as rendered: each guide row's words and button, and the buttons folded away */
function panel() {
  const html = markup(ExportButton);
  const tree = parse(html);
  const text = (n: ReturnType<typeof parse>) => n.text.replace(/\s+/g, ' ').trim();
  const rows = all(tree, (n) => n.tag === 'li').map((li) => {
    const button = all(li, (n) => n.tag === 'button')[0];
    return {
      button: button && text(button),
      // what a screen reader says after the button's name
      described: (button?.attrs['aria-describedby'] ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id) => text(byId(html, id)!))
        .join(' '),
      text: text(li),
    };
  });
  const details = all(tree, (n) => n.tag === 'details');
  const folded = details.flatMap((d) => all(d, (n) => n.tag === 'button').map(text));
  const summaries = details.flatMap((d) => all(d, (n) => n.tag === 'summary').map(text));
  const buttons = all(tree, (n) => n.tag === 'button').map(text);
  return { html, tree, rows, folded, summaries, buttons };
}

describe('the export guide', () => {
  it('each model format says who it is for; the single files say nothing of the kind', () => {
    const uses = Object.fromEntries(exportOffer('mobilenet-v1-0.25').downloads.map((d) => [d.label, d.use]));
    expect(uses).toEqual({
      'Download model (zip)': 'Web page or Node',
      'Download ONNX': 'Python (onnxruntime)',
      'Download TFLite': 'Android, iOS or Raspberry Pi',
      'Download head only (zip)': undefined,
      'Download model.json': undefined,
      'Download weights.bin': undefined,
      'Download metadata.json': undefined,
      'Download labels.txt': undefined,
    });
    // the zip's note points at its README, where the code for each runtime is
    expect(exportOffer('mobilenet-v1-0.25').downloads[0].note).toMatch(/README has the code/);
  });

  it('a layers backbone: the guide leads with the zip, then ONNX and TFLite; the single files are folded away', () => {
    onBackbone('mobilenet-v1-0.25');
    const { rows, folded, summaries, buttons } = panel();
    expect(rows.map((r) => r.button)).toEqual(['Download model (zip)', 'Download ONNX', 'Download TFLite']);
    expect(rows[0].text).toMatch(/^Web page or Node.*Download model \(zip\).*README has the code/);
    expect(rows[1].text).toContain('Python (onnxruntime)');
    expect(rows[2].text).toContain('Android, iOS or Raspberry Pi');
    // read with the button, for someone who tabs from button to button
    expect(rows.map((r) => r.described)).toEqual([
      expect.stringMatching(/^Web page or Node.*README has the code/),
      'Python (onnxruntime)',
      'Android, iOS or Raspberry Pi',
    ]);
    expect(summaries).toEqual(['Single files']);
    expect(folded).toEqual([
      'Download head only (zip)',
      'Download model.json',
      'Download weights.bin',
      'Download metadata.json',
      'Download labels.txt',
    ]);
    // every button keeps its name, once (the e2e tests click them by name)
    expect([...buttons].sort()).toEqual(
      exportOffer('mobilenet-v1-0.25')
        .downloads.map((d) => d.label)
        .sort(),
    );
  });

  it('a graph-model backbone: only the zip in the guide, the head and metadata folded away', () => {
    onBackbone(graph.id);
    const { rows, folded, html } = panel();
    expect(rows.map((r) => r.button)).toEqual(['Download model (zip)']);
    expect(folded).toEqual(['Download head only (zip)', 'Download metadata.json', 'Download labels.txt']);
    expect(html).not.toContain('onnxruntime');
    expect(html).not.toContain('Raspberry Pi');
    // its README's code loads a whole model, which this zip has not: the hint under the buttons says what to do
    expect(html).not.toContain('README has');
  });
});
