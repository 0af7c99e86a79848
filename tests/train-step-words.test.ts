import { describe, expect, it } from 'vitest';
import { trainStepWords } from '../src/ui/layout/train-step-words';
import { runShareWords, stageCount, type Stage } from '../src/ui/run-stages';

const stage = (name: string, done: number, total: number | null, epochs = false): Stage => ({
  name,
  done,
  total,
  ...(epochs && { epochs }),
});

// the share itself, over a run's reports: tests/run-stages-share.test.ts
describe("the Train step's words in the step bar", () => {
  it("say the whole run's share apart from the stage under way and its own count, never 100% before its end", () => {
    // "epochs 75%" at epoch 14 of 400 read as three quarters of the epochs done
    expect(runShareWords(stage('epoch', 13, 400, true), 0.752, true)).toBe('75% · epoch 14/400');
    expect(runShareWords(stage('epoch', 400, 400, true), 1, true)).toBe('99% · epoch 400/400');
    expect(runShareWords(stage('rest + views', 60, 128), 0.4166, false)).toBe('41% · rest + views 60/128');
    expect(runShareWords(stage('GPU warm-up', 1, 20), 0.05, false)).toBe('5% · warm-up 1/20');
    expect(runShareWords(stage('first model', 2, 8, true), 0.3, true)).toBe('30% · first model, epoch 3/8');
    // a stage of unknown length says what it is, no count
    expect(runShareWords(stage('views', 0, null), 0.4, false)).toBe('40% · views');
    expect(runShareWords(stage('epoch', 0, null, true), 0.8, false)).toBe('80% · epochs');
    for (const status of ['warming', 'extracting', 'training'] as const)
      expect(trainStepWords(status, false, { stage: stage('images', 12, 40), fraction: 0.06, training: false })).toBe(
        '6% · images 12/40',
      );
  });

  it('count as the Train panel does: the epoch under way while it trains', () => {
    expect(stageCount(stage('epoch', 22, 400, true), true, true)).toBe(' 23/400');
    expect(stageCount(stage('epoch', 22, 400, true), true, false)).toBe(' 22/400');
    expect(stageCount(stage('epoch', 22, 400, true), false, true)).toBe(' 22/400');
    expect(stageCount(stage('first model', 8, 8, true), false, true)).toBe(', epoch 8/8');
    expect(stageCount(stage('views', 0, null), true, false)).toBe('');
  });

  it('name how a run ended, and results from before this visit', () => {
    const share = { stage: stage('images', 0, 10), fraction: 0, training: false };
    expect(trainStepWords('done', false, share)).toBe('finished');
    expect(trainStepWords('stopped', false, share)).toBe('stopped');
    expect(trainStepWords('error', false, share)).toBe('failed');
    expect(trainStepWords('idle', false, share)).toBe('not started');
    expect(trainStepWords('idle', true, share)).toBe('trained earlier');
  });
});
