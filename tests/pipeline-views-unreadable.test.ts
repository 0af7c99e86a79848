import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type PipelineEvent, type RunArgs, type TrainOutcome } from '../src/core/pipeline';
import { fakeBackbone, useBackend } from './helpers';
import { decodeRedByClass, imagesPerClass, shortRunSettings } from './helpers-pipeline';

/*
 * An image read once for its plain features and not again for its augmented views (the decode
 * worker made its plain input, the views' decode failed; or its plain row came from an earlier run):
 * it is left out of training and reported as skipped, instead of the run failing on its missing rows.
 */

beforeAll(() => useBackend('cpu'));

const REASON = 'not a readable image (truncated)';

/** decodeRedByClass, except that each of `flaky` is readable once only */
function readOnce(flaky: readonly string[]) {
  const seen = new Set<string>();
  return async (id: string) => {
    if (flaky.includes(id)) {
      if (seen.has(id)) throw new Error(REASON);
      seen.add(id);
    }
    return decodeRedByClass(id);
  };
}

const classes = ['a', 'b'];
const images = imagesPerClass([8, 8]);

/** a run on the 16 images, with `decode`, and the events it sent */
async function runWith(decode: (id: string) => ReturnType<typeof decodeRedByClass>, more: Partial<RunArgs> = {}) {
  const events: PipelineEvent[] = [];
  const run = await trainPipeline({
    classes,
    images,
    settings: shortRunSettings,
    backbone: fakeBackbone(),
    cache: new FeatureCache(),
    decode,
    onEvent: (e) => events.push(e),
    ...more,
  });
  return { run, events };
}

/** skipped with the decode's reason, and every image trained on, validated on or skipped; none twice */
function expectSkippedOnce(run: TrainOutcome): void {
  const skipped = run.skipped.map((s) => s.id);
  expect(skipped.length).toBeGreaterThan(0);
  for (const s of run.skipped) expect(s.reason).toBe(REASON);
  expect(run.images.train + run.images.val + skipped.length).toBe(images.length);
  expect(new Set(skipped).size).toBe(skipped.length);
}

describe('an image whose views cannot be read after its plain features were', () => {
  it('is skipped, not trained on, in a one-phase run', async () => {
    // at least one of the two is a training image, whose views are read after its plain features
    const { run, events } = await runWith(readOnce(['c0-0', 'c0-1']));
    expectSkippedOnce(run);
    for (const s of run.skipped) expect(events).toContainEqual({ type: 'skipped', ...s });
    run.head.dispose();
  });

  it('is skipped, not trained on, after a first model trained on its plain features', async () => {
    let first: TrainOutcome | null = null;
    const { run } = await runWith(
      readOnce(images.map((i) => i.id).filter((id) => id.endsWith('-0') || id.endsWith('-1'))),
      {
        // no wait: the first model goes ahead on the smallest sample, the rest read afterwards
        firstModelBudget: { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 },
        onFirstModel: (f) => (first = f),
      },
    );
    expect(first).not.toBeNull();
    expect(run.phase).toBe('final');
    expectSkippedOnce(run);
    (first as TrainOutcome | null)?.head.dispose();
    run.head.dispose();
  });
});
