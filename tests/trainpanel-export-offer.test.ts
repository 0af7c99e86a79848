import { describe, expect, it } from 'vitest';
import type { ExportBundle } from '../src/core/export/bundle';
import { BACKBONES } from '../src/core/backbones/registry';
import { exportOffer } from '../src/ui/export-offer';

const graph = BACKBONES.find((b) => b.format === 'graph')!;
const labels = (id: string | null) => exportOffer(id).downloads.map((d) => d.label);

describe('the Export panel offers what the backbone can give', () => {
  it('a layers backbone: the whole model in every format and its parts', () => {
    expect(labels('mobilenet-v1-0.25')).toEqual([
      'Download model (zip)',
      'Download ONNX',
      'Download TFLite',
      'Download head only (zip)',
      'Download model.json',
      'Download weights.bin',
      'Download metadata.json',
      'Download labels.txt',
    ]);
    expect(exportOffer('mobilenet-v2-0.35').hint).toContain('ONNX and TFLite are the same model');
  });

  it('a graph-model backbone: no standalone model, ONNX or TFLite is offered, and the hint says why', () => {
    expect(labels(graph.id)).toEqual([
      'Download model (zip)',
      'Download head only (zip)',
      'Download metadata.json',
      'Download labels.txt',
    ]);
    const { hint } = exportOffer(graph.id);
    expect(hint).toContain(`graph model (${graph.name})`);
    expect(hint).toContain('no standalone model.json, ONNX or TFLite');
    expect(hint).not.toContain('ONNX and TFLite are the same model');
  });

  it("what the graph case offers is in its bundle (a head-only export's files)", () => {
    const bytes = new Uint8Array([1]);
    // core/export/export-files.ts without a layers feature model: head/, metadata and the golden pairs
    const bundle = {
      files: { 'head/model.json': bytes, 'head/weights.bin': bytes, 'metadata.json': bytes, 'labels.txt': bytes },
      zip: bytes,
      headZip: bytes,
    } as unknown as ExportBundle;
    for (const d of exportOffer(graph.id).downloads) expect(d.pick(bundle)[0]).toBe(bytes);
  });

  it('no backbone, or one no longer listed: everything, as before', () => {
    expect(labels(null)).toHaveLength(8);
    expect(labels('custom-gone')).toHaveLength(8);
  });
});
