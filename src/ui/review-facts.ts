import { findingApplies, type HealthIssue, type HealthKind } from '../core/data/health';
import { nextValidation, type ReviewFacts } from '../core/data/review';

/**
 * Findings about the class as a whole: "few images" lists every image of its class and an
 * imbalance none, so flagging their ids flagged every image of a small class.
 */
const CLASS_LEVEL: readonly HealthKind[] = ['few-images', 'one-hold', 'imbalance'];

/**
 * What every class's review shares (ImageReview.tsx): the next run's split, the last run's
 * mistakes, and the images the health check still has something to say about: a finding whose fix
 * was applied (HealthPanel hides it, findingApplies) no longer flags the copy it kept.
 */
export function reviewFacts({
  classes,
  valSplit,
  seed,
  result,
  issues,
}: {
  classes: readonly { images: readonly { id: string; file: { name: string } }[] }[];
  valSplit: number;
  seed: number;
  result: {
    skipped: readonly { id: string }[];
    valPredictions: readonly { id: string; label: number; predicted: number }[];
  } | null;
  issues: readonly HealthIssue[] | null;
}): ReviewFacts & { hasRun: boolean; hasHealth: boolean } {
  const unusable = new Set(result?.skipped.map((s) => s.id) ?? []);
  const present = new Set(classes.flatMap((c) => c.images.map((i) => i.id)));
  const flagged = (issues ?? [])
    .filter((i) => !CLASS_LEVEL.includes(i.kind) && findingApplies(i, present))
    .flatMap((i) => i.ids.filter((id) => present.has(id)));
  return {
    validation: nextValidation(
      classes.map((c) => c.images.map((i) => ({ id: i.id, name: i.file.name }))),
      valSplit,
      seed,
      unusable,
    ),
    unusable,
    wrong: new Set(result?.valPredictions.filter((p) => p.predicted !== p.label).map((p) => p.id) ?? []),
    flagged: new Set(flagged),
    hasRun: !!result,
    hasHealth: !!issues,
  };
}
