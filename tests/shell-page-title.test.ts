import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageTitle, trainingTitle } from '../src/ui/layout/page-title';
import type { TrainingState } from '../src/state/training';

/** The tab's title says what the studio is doing, for a person in another tab or window (it never changed). */
describe('the page title', () => {
  it('says what the studio is doing', () => {
    expect(pageTitle({})).toBe('Transfer Studio');
    expect(pageTitle({ status: 'idle', valAccuracy: null })).toBe('Transfer Studio');
    expect(pageTitle({ elsewhere: true })).toBe('Open in another tab – Transfer Studio');
    expect(pageTitle({ status: 'extracting' })).toBe('Preparing to train – Transfer Studio');
    expect(pageTitle({ status: 'training', epochsDone: 3, epochsPlanned: 20 })).toBe('Training 4/20 – Transfer Studio');
    // the last epoch, finished but the run not yet ended: never past the plan
    expect(pageTitle({ status: 'training', epochsDone: 20, epochsPlanned: 20 })).toBe(
      'Training 20/20 – Transfer Studio',
    );
    expect(pageTitle({ status: 'done', valAccuracy: 0.9312 })).toBe('Trained: 93.1% – Transfer Studio');
    expect(pageTitle({ status: 'error', valAccuracy: 0.9 })).toBe('Training failed – Transfer Studio');
  });

  it("from the training store: the same string while only a batch moves (the title's component does not re-render)", () => {
    const state = (over: Partial<TrainingState>) =>
      ({
        status: 'training',
        epochs: [{}, {}, {}],
        epochsPlanned: 20,
        result: null,
        batches: [],
        ...over,
      }) as unknown as TrainingState;
    const a = trainingTitle(state({ batches: [] }));
    const b = trainingTitle(state({ batches: [{} as never] }));
    expect(a).toBe('Training 4/20 – Transfer Studio');
    expect(b).toBe(a);
    expect(trainingTitle(state({ status: 'done', result: { valAccuracy: 0.5 } as never }))).toBe(
      'Trained: 50.0% – Transfer Studio',
    );
  });

  it('the workspace sets it', () => {
    const app = readFileSync(new URL('../src/ui/App.tsx', import.meta.url), 'utf8');
    expect(app).toContain('<PageTitle />');
  });
});
