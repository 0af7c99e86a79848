import { describe, expect, it } from 'vitest';
import { trainStepWords } from '../src/ui/layout/train-step-words';
import { runShareWords } from '../src/ui/run-stages';

// the share itself, over a run's reports: tests/run-stages-share.test.ts
describe("the Train step's words in the step bar", () => {
  it('while a run goes: the stage under way and the share of the whole run, never 100% before its end', () => {
    expect(runShareWords('rest + views', 0.4166)).toBe('rest + views 41%');
    expect(runShareWords('GPU warm-up', 0.05)).toBe('warm-up 5%');
    expect(runShareWords('epoch', 0.999)).toBe('epochs 99%');
    expect(runShareWords('epoch', 1)).toBe('epochs 99%');
    for (const status of ['warming', 'extracting', 'training'] as const)
      expect(trainStepWords(status, false, { stage: 'first model', fraction: 0.3 })).toBe('first model 30%');
  });

  it('name how a run ended, and results from before this visit', () => {
    const share = { stage: 'images', fraction: 0 };
    expect(trainStepWords('done', false, share)).toBe('finished');
    expect(trainStepWords('stopped', false, share)).toBe('stopped');
    expect(trainStepWords('error', false, share)).toBe('failed');
    expect(trainStepWords('idle', false, share)).toBe('not started');
    expect(trainStepWords('idle', true, share)).toBe('trained earlier');
  });
});
