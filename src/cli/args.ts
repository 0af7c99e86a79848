import { parseArgs } from 'node:util';
import { BACKBONES, DEFAULT_BACKBONE_ID, getBackboneSpec, type BackboneSpec } from '../core/backbones/registry';
import { CROP_MODES, type CropMode } from '../core/data/crop';
import {
  DEFAULT_SETTINGS,
  FINETUNE_DEFAULTS,
  HEAD_DEFAULTS,
  MAX_UNFREEZE,
  RECIPE_CHOSEN,
  validateSettings,
  type LrSchedule,
  type TrainSettings,
} from '../core/train/settings';

export interface CliOptions {
  datasetDir: string;
  backbone: string;
  models: string | null;
  out: string | null;
  json: string | null;
  backend: string;
  settings: TrainSettings;
}

const UNFREEZE_LIMITS = [
  ...BACKBONES.filter((b) => b.blockCount).map((b) => `${b.blockCount} on ${b.id}`),
  '0 on a graph model',
].join(', ');

export const USAGE = `Usage: npm run train -- <dataset-dir> [options]
  <dataset-dir>        folder with one sub-folder of images per class
  --backbone <id>      backbone id (default ${DEFAULT_BACKBONE_ID})
  --models <dir>       folder holding the backbones (default $STUDIO_MODELS_DIR, else ../shared/models
                       beside the repository when it exists, else the hosted URLs)
  --recipe auto|manual head-only (default ${HEAD_DEFAULTS.recipe}): auto chooses L2 and epochs by 3-fold
                       cross-validation on the training images, for a linear head on standardised
                       features and the augmented views, Adam 0.01 full batch, constant rate and
                       no early stopping; setting --epochs --lr --batch-size --hidden --dropout
                       --weight-decay --schedule --patience or --feature-norm implies manual, as in the studio
  --feature-norm none|standardise   head-only manual recipes: standardise features (default none)
  --epochs N           (default ${DEFAULT_SETTINGS.epochs})
  --seed N             (default ${DEFAULT_SETTINGS.seed})
  --val-split F        (default ${DEFAULT_SETTINGS.valSplit})
  --unfreeze N         top backbone blocks to train (default 0: head only); at most
                       ${UNFREEZE_LIMITS}
  --augment-views N    cached augmented views per training image (default ${HEAD_DEFAULTS.augmentViews}; ${FINETUNE_DEFAULTS.augmentViews} with --unfreeze above 0)
  --backbone-lr F      fine-tuning: backbone learning rate as a fraction of --lr (default ${FINETUNE_DEFAULTS.backboneLrScale})
  --warmup N           fine-tuning: head-only epochs first (default ${FINETUNE_DEFAULTS.warmupEpochs})
  --patience N         stop after N epochs without a lower loss on an inner split of the training
                       images and keep the best epoch (manual recipes; default ${HEAD_DEFAULTS.earlyStopPatience};
                       0 = off, the default with --unfreeze above 0)
  --schedule constant|cosine|one-cycle   learning rate over the epochs (default ${HEAD_DEFAULTS.lrSchedule}; cosine with --unfreeze above 0)
  --batch-size N       (default ${DEFAULT_SETTINGS.batchSize})
  --lr F               (default ${DEFAULT_SETTINGS.learningRate})
  --hidden N           manual head's hidden units (default ${DEFAULT_SETTINGS.hiddenUnits}; 0 = linear)
  --dropout F          (default ${DEFAULT_SETTINGS.dropout})
  --weight-decay F     L2 (default ${DEFAULT_SETTINGS.weightDecay})
  --crop center|squash|pad   (default ${DEFAULT_SETTINGS.cropMode})
  --backend wasm|cpu   (default wasm)
  --out <dir>          write the trained model there: a new or empty folder, or an earlier export's
                       folder (its files replaced); never the dataset folder or one inside it
  --json <file>        write the run summary as JSON`;

export class UsageError extends Error {}

/** The flags of the settings the automatic recipe chooses (settings.ts RECIPE_CHOSEN), by the setting they set. */
const RECIPE_FLAGS: Record<string, (typeof RECIPE_CHOSEN)[number]> = {
  epochs: 'epochs',
  lr: 'learningRate',
  'batch-size': 'batchSize',
  hidden: 'hiddenUnits',
  dropout: 'dropout',
  'weight-decay': 'weightDecay',
  schedule: 'lrSchedule',
  patience: 'earlyStopPatience',
  'feature-norm': 'featureNorm',
};

function num(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  return n;
}

/**
 * parseArgs takes "-1" after "--epochs" for an option of its own ("argument is ambiguous"):
 * a negative number after an option is joined to it, so the range check can name the problem.
 */
function joinNegatives(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(argv[i]) && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/**
 * Flags the chosen mode never reads (resolveSettings overrides them, or the loop that would read
 * them does not run): refused, since a run that quietly trained otherwise than asked wastes the run.
 */
function ignoredFlags(v: Record<string, string | boolean | undefined>, unfreeze: number): string[] {
  const problems: string[] = [];
  if (unfreeze > 0) {
    if (v['feature-norm'] === 'standardise')
      problems.push(
        "--feature-norm standardise is for head-only training; fine-tuning (--unfreeze above 0) trains on the backbone's raw features: drop --feature-norm or use --unfreeze 0",
      );
    if (v.recipe === 'auto')
      problems.push(
        '--recipe auto is for head-only training; fine-tuning (--unfreeze above 0) trains the fields as given: drop --recipe auto or use --unfreeze 0',
      );
  } else {
    for (const flag of ['warmup', 'backbone-lr'])
      if (v[flag] !== undefined)
        problems.push(
          `--${flag} is for fine-tuning only (--unfreeze above 0); head-only training has no backbone blocks to train: drop --${flag} or set --unfreeze`,
        );
  }
  return problems;
}

/**
 * --unfreeze against the backbone's own block count, before the model loads (maybe a download): the
 * check after loading failed as a training failure (exit 1), and this one knew only the largest count.
 */
function unfreezeProblem(spec: BackboneSpec, unfreeze: number): string | null {
  const blocks = spec.format === 'graph' ? 0 : (spec.blockCount ?? MAX_UNFREEZE);
  if (blocks === 0 && unfreeze !== 0) {
    const layers = BACKBONES.filter((b) => b.format === 'layers').map((b) => b.id);
    return `--unfreeze ${unfreeze}: ${spec.id} is a graph model, whose blocks cannot be trained; use --unfreeze 0 (head only) or a layers backbone (${layers.join(', ')})`;
  }
  if (Number.isInteger(unfreeze) && unfreeze >= 0 && unfreeze <= blocks) return null;
  const counted = spec.blockCount === undefined ? '' : ` (${spec.id} has ${blocks} blocks)`;
  return `Unfreeze (backbone blocks to train) must be a whole number from 0 to ${blocks}${counted}, got ${unfreeze}`;
}

/** The backbone's spec; an id the registry does not know is a usage error, told before anything is read. */
function backboneSpec(id: string): BackboneSpec {
  try {
    return getBackboneSpec(id);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegatives(argv),
      allowPositionals: true,
      options: {
        backbone: { type: 'string' },
        models: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        'val-split': { type: 'string' },
        unfreeze: { type: 'string' },
        'augment-views': { type: 'string' },
        'backbone-lr': { type: 'string' },
        warmup: { type: 'string' },
        patience: { type: 'string' },
        recipe: { type: 'string' },
        'feature-norm': { type: 'string' },
        schedule: { type: 'string' },
        'batch-size': { type: 'string' },
        lr: { type: 'string' },
        hidden: { type: 'string' },
        dropout: { type: 'string' },
        'weight-decay': { type: 'string' },
        crop: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) throw new UsageError('');
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? `expected one dataset folder, got ${positionals.length}` : 'missing <dataset-dir>',
    );
  const crop = (v.crop ?? DEFAULT_SETTINGS.cropMode) as CropMode;
  if (!CROP_MODES.includes(crop)) throw new UsageError(`--crop must be one of ${CROP_MODES.join(', ')}`);
  const backbone = v.backbone ?? DEFAULT_BACKBONE_ID;
  const spec = backboneSpec(backbone);
  const d = DEFAULT_SETTINGS;
  const unfreeze = num(v.unfreeze, 'unfreeze', d.unfreeze);
  const settings: TrainSettings = {
    ...d,
    epochs: num(v.epochs, 'epochs', d.epochs),
    seed: num(v.seed, 'seed', d.seed),
    valSplit: num(v['val-split'], 'val-split', d.valSplit),
    unfreeze,
    batchSize: num(v['batch-size'], 'batch-size', d.batchSize),
    learningRate: num(v.lr, 'lr', d.learningRate),
    hiddenUnits: num(v.hidden, 'hidden', d.hiddenUnits),
    dropout: num(v.dropout, 'dropout', d.dropout),
    weightDecay: num(v['weight-decay'], 'weight-decay', d.weightDecay),
    cropMode: crop,
  };
  if (v['augment-views'] !== undefined) settings.augmentViews = num(v['augment-views'], 'augment-views', 0);
  if (v['backbone-lr'] !== undefined) settings.backboneLrScale = num(v['backbone-lr'], 'backbone-lr', 0);
  if (v.warmup !== undefined) settings.warmupEpochs = num(v.warmup, 'warmup', 0);
  // unset knobs keep their mode's default through resolveSettings, as in the studio
  if (v.patience !== undefined) settings.earlyStopPatience = num(v.patience, 'patience', 0);
  if (v.schedule !== undefined) settings.lrSchedule = v.schedule as LrSchedule;
  if (v.recipe !== undefined && v.recipe !== 'auto' && v.recipe !== 'manual')
    throw new UsageError(`--recipe must be auto or manual, got "${v.recipe}"`);
  // the studio's rule (settings.ts RECIPE_CHOSEN): a field the recipe chooses, set by hand, makes the recipe manual
  const byHand = Object.keys(RECIPE_FLAGS).filter((f) => v[f as keyof typeof v] !== undefined);
  if (v.recipe === 'auto' && byHand.length && unfreeze === 0)
    throw new UsageError(
      `--recipe auto chooses ${byHand.map((f) => `--${f}`).join(', ')} itself; drop them or use --recipe manual`,
    );
  if (v.recipe !== undefined) settings.recipe = v.recipe as 'auto' | 'manual';
  else if (byHand.length) settings.recipe = 'manual';
  if (v['feature-norm'] !== undefined) {
    if (v['feature-norm'] !== 'none' && v['feature-norm'] !== 'standardise')
      throw new UsageError(`--feature-norm must be none or standardise, got "${v['feature-norm']}"`);
    settings.featureNorm = v['feature-norm'];
  }
  const badUnfreeze = unfreezeProblem(spec, unfreeze);
  const problems = [
    ...ignoredFlags(v, unfreeze),
    ...(badUnfreeze ? [badUnfreeze] : []),
    // unfreeze told above; the rest checked as the studio checks them
    ...validateSettings(badUnfreeze ? { ...settings, unfreeze: 0 } : settings, spec.blockCount ?? MAX_UNFREEZE),
  ];
  if (problems.length) throw new UsageError(problems.join('; '));
  const backend = v.backend ?? 'wasm';
  if (!['wasm', 'cpu'].includes(backend)) throw new UsageError(`--backend must be wasm or cpu, got "${backend}"`);
  return {
    datasetDir: positionals[0],
    backbone,
    models: v.models ?? env.STUDIO_MODELS_DIR ?? null,
    out: v.out ?? null,
    json: v.json ?? null,
    backend,
    settings,
  };
}
