import { describe, expect, it } from 'vitest';
import { evaluateStepWords, firstPartWords } from '../src/ui/layout/evaluate-step-words';

describe("the Evaluate step's words in the step bar", () => {
  it("mark a two-phase run's first model as such: mid-run its figure read as the run's", () => {
    expect(evaluateStepWords({ valAccuracy: '83.3%', firstModel: true, running: true, tested: null })).toBe(
      '83.3% val. (first model)',
    );
    // the run ended on its first model (the full one stopped short): still the first model's
    expect(evaluateStepWords({ valAccuracy: '83.3%', firstModel: true, running: false, tested: null })).toBe(
      '83.3% val. (first model)',
    );
    expect(evaluateStepWords({ valAccuracy: '83.3%', firstModel: true, running: false, tested: '80.0% test' })).toBe(
      '83.3% val. (first model) · 80.0% test',
    );
  });

  it("say a first model's figure on part of the validation images is on part of them", () => {
    const firstPart = firstPartWords({ phase: 'first', images: { val: 16 }, partOf: { val: 24 } });
    expect(firstPart).toBe('16/24');
    expect(evaluateStepWords({ valAccuracy: '100.0%', firstModel: true, firstPart, running: true, tested: null })).toBe(
      '100.0% val. on 16/24 (first model)',
    );
    // judged on every validation image (all were read), or a full model: nothing more to say
    expect(firstPartWords({ phase: 'first', images: { val: 24 }, partOf: { val: 24 } })).toBeUndefined();
    expect(firstPartWords({ phase: 'final', images: { val: 16 }, partOf: { val: 24 } })).toBeUndefined();
    expect(firstPartWords(null)).toBeUndefined();
  });

  it('say a final model as before', () => {
    expect(evaluateStepWords({ valAccuracy: '91.7%', firstModel: false, running: false, tested: null })).toBe(
      '91.7% validation',
    );
    expect(evaluateStepWords({ valAccuracy: '91.7%', firstModel: false, running: false, tested: '80.0% test' })).toBe(
      '91.7% val. · 80.0% test',
    );
    expect(evaluateStepWords({ valAccuracy: null, firstModel: false, running: true, tested: null })).toBe(
      'after this run',
    );
    expect(evaluateStepWords({ valAccuracy: null, firstModel: false, running: false, tested: null })).toBe(
      'no run yet',
    );
    expect(evaluateStepWords({ valAccuracy: null, firstModel: false, running: false, tested: '80.0% test' })).toBe(
      '80.0% test',
    );
  });
});
