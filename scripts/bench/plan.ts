// The two sizes of a benchmark run, free of Node so the bench page's self-run measures with the
// same numbers as `npm run bench` does through Playwright.
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** the backbone of every raw browser figure: the studio's default */
export const BENCH_BACKBONE = 'mobilenet-v1-0.25';

export interface Plan {
  quick: boolean;
  extraction: { images: number; runs: number };
  finetune: { images: number; batch: number; runs: number };
  ttfm: { perClass: number; runs: number };
  /** one studio run under CDP CPU throttling (adding, extraction, training) */
  throttled: { perClass: number; rate: number };
  webcam: { samples: number; sampleMs: number };
  leak: { classes: number; perClass: number; epochs: number; cycles: number[] };
  perBackend: { runs: number; budgetMs: number; headRows: number; stepBatch: number; backends: string[] };
  /**
   * The feature model with two depths against the feature layer alone, forward passes in turns
   * on the extraction backend: up to `runs` pairs per batch size, at least `minRuns`, no more once
   * a batch size's pairs took `budgetMs`
   */
  depths: { backbones: string[]; batches: number[]; runs: number; minRuns: number; budgetMs: number };
}

export const FULL: Omit<Plan, 'quick'> = {
  extraction: { images: 160, runs: 3 },
  finetune: { images: 128, batch: 32, runs: 3 },
  ttfm: { perClass: 50, runs: 3 },
  throttled: { perClass: 50, rate: 4 },
  webcam: { samples: 5, sampleMs: 2000 },
  leak: { classes: 3, perClass: 12, epochs: 5, cycles: [0, 0, 0] },
  perBackend: { runs: 5, budgetMs: 8000, headRows: 400, stepBatch: 16, backends: [...BACKENDS] },
  depths: {
    backbones: [BENCH_BACKBONE, 'mobilenet-v2-0.35'],
    batches: [1, 16],
    runs: 15,
    minRuns: 5,
    budgetMs: 15_000,
  },
};

export const QUICK: Omit<Plan, 'quick'> = {
  extraction: { images: 32, runs: 1 },
  finetune: { images: 32, batch: 16, runs: 1 },
  ttfm: { perClass: 3, runs: 1 },
  throttled: { perClass: 3, rate: 4 },
  webcam: { samples: 1, sampleMs: 1000 },
  leak: { classes: 2, perClass: 6, epochs: 1, cycles: [0, 0, 0] },
  perBackend: { runs: 1, budgetMs: 0, headRows: 64, stepBatch: 4, backends: ['wasm', 'cpu'] },
  depths: { backbones: [BENCH_BACKBONE, 'mobilenet-v2-0.35'], batches: [1, 16], runs: 1, minRuns: 1, budgetMs: 0 },
};
