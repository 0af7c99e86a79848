import { describe, expect, it } from 'vitest';
import { importedModelInfo } from '../src/state/model-store';

describe("an imported model that is neither the studio's nor Teachable Machine's", () => {
  it('carries the preprocessing the studio assumed to Try it, and only when there is one', () => {
    const base = { labels: ['a', 'b'], inputSize: 224, cropMode: 'center' as const };
    const assumed = 'metadata.json gives no preprocessing, so the studio assumed x / 127 − 1.';
    expect(importedModelInfo('k.zip (TF.js model)', { ...base, assumed })).toMatchObject({ kind: 'imported', assumed });
    expect(importedModelInfo('t.zip (Teachable Machine model)', base)).not.toHaveProperty('assumed');
  });
});
