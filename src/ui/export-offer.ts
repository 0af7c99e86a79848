import { findBackboneSpec } from '../core/backbones/registry';
import type { ExportBundle } from '../core/export/bundle';
import { teachableMachineLoads } from '../core/export/run-snippets';

export type Pick = (b: ExportBundle) => [Uint8Array | undefined, string, string];

export interface Download {
  label: string;
  pick: Pick;
  /** who it is for, the Export panel's guide beside its button: a model format only */
  use?: string;
  /** said under that: where to go next */
  note?: string;
  /** a part of the zip: folded away under "Single files" */
  part?: true;
  /** backbone and head as one model (core/export/export-files.ts standaloneModel): a layers backbone only */
  standalone?: true;
}

/** the whole model's zip, which "Import a model (zip)…" reads back */
export const MODEL_ZIP = 'transfer-studio-model.zip';

const DOWNLOADS: readonly Download[] = [
  {
    label: 'Download model (zip)',
    pick: (b) => [b.zip, MODEL_ZIP, 'application/zip'],
    use: 'Web page or Node',
    // run-snippets.ts: the model card's "How to run" has each runtime's lines, preprocessing spelled out
    note: 'Its README has the code.',
  },
  {
    label: 'Download ONNX',
    use: 'Python (onnxruntime)',
    pick: (b) => [b.files['model.onnx'], 'model.onnx', 'application/octet-stream'],
    standalone: true,
  },
  {
    label: 'Download TFLite',
    use: 'Android, iOS or Raspberry Pi',
    pick: (b) => [b.files['model.tflite'], 'model.tflite', 'application/octet-stream'],
    standalone: true,
  },
  // parts of the zip, for code that wants one file: folded away under the three models
  {
    label: 'Download head only (zip)',
    pick: (b) => [b.headZip, 'transfer-studio-head.zip', 'application/zip'],
    part: true,
  },
  {
    label: 'Download model.json',
    pick: (b) => [b.files['model.json'], 'model.json', 'application/json'],
    part: true,
    standalone: true,
  },
  {
    label: 'Download weights.bin',
    pick: (b) => [b.files['weights.bin'], 'weights.bin', 'application/octet-stream'],
    part: true,
    standalone: true,
  },
  {
    label: 'Download metadata.json',
    pick: (b) => [b.files['metadata.json'], 'metadata.json', 'application/json'],
    part: true,
  },
  // the class names beside a lone model.tflite or model.onnx, whose labels sit in their metadata only
  {
    label: 'Download labels.txt',
    pick: (b) => [b.files['labels.txt'], 'labels.txt', 'text/plain'],
    part: true,
  },
];

/**
 * What the Export panel offers for a model on the backbone `backboneId`: the loaded one, since a
 * backbone load drops the run's results and the model restored for it (state/coordinator.ts), and a
 * kept model comes back only onto its own backbone (state/restore-trained.ts). A graph model cannot
 * be joined to the head as one layers model, so it has no standalone model.json + weights.bin, ONNX
 * or TFLite: offered, each built the export for seconds and then failed.
 */
export function exportOffer(backboneId: string | null | undefined): { downloads: readonly Download[]; hint: string } {
  const backbone = backboneId ? findBackboneSpec(backboneId) : undefined;
  if (backbone?.format === 'graph')
    return {
      // the README's code runs a whole model, which this zip lacks: the hint below says what to do instead
      downloads: DOWNLOADS.filter((d) => !d.standalone).map(({ note: _, ...d }) => d),
      hint:
        `This model's backbone is a graph model (${backbone.name}), which cannot be joined to the head as one ` +
        'model: there is no standalone model.json, ONNX or TFLite. The zip holds the head (a TF.js layers model ' +
        'that takes pooled features) with its metadata, model card and golden pairs: run the graph model on the ' +
        'preprocessed image, average its feature map, and feed that to the head.',
    };
  // that library scales pixels to −1…1 whatever the backbone took: a brought one on [0, 1] loads but answers wrongly
  const inTeachableMachine = !!backbone && teachableMachineLoads(backbone);
  return {
    downloads: DOWNLOADS,
    hint:
      'The zip is a TF.js layers model with its metadata and model card' +
      (inTeachableMachine ? " (it loads in Teachable Machine's library too)" : '') +
      '; ONNX and TFLite are the same model for other runtimes.',
  };
}
