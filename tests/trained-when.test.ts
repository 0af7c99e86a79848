import { describe, expect, it, vi } from 'vitest';

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { trainedWhen } = await import('../src/state/trained-when');
const { storedModelInfo } = await import('../src/state/model-store');

// A model set aside (New project, then its Undo; a reload) was named "trained on 23/4/2025,
// 14:05:03": a timestamp to decode where a person wants to know which model this is.

const NOW = new Date(2025, 3, 23, 16, 30); // Wednesday 23 April 2025, 16:30 local time
const at = (d: Date) => trainedWhen(d.toISOString(), NOW, 'en-GB');

describe('when a kept model was trained, in words', () => {
  it('today: the time of day', () => {
    expect(at(new Date(2025, 3, 23, 14, 5))).toBe('trained today at 14:05');
    expect(at(new Date(2025, 3, 23, 0, 1))).toBe('trained today at 00:01');
    expect(at(new Date(2025, 3, 23, 16, 29))).toBe('trained today at 16:29');
  });

  it('yesterday, by the calendar (not 24 hours)', () => {
    expect(at(new Date(2025, 3, 22, 23, 50))).toBe('trained yesterday at 23:50');
    expect(at(new Date(2025, 3, 22, 9, 12))).toBe('trained yesterday at 09:12');
  });

  it('within the week: the weekday; earlier: the date', () => {
    expect(at(new Date(2025, 3, 21, 8, 0))).toBe('trained on Monday at 08:00');
    expect(at(new Date(2025, 3, 17, 8, 0))).toBe('trained on Thursday at 08:00');
    expect(at(new Date(2025, 3, 16, 8, 0))).toBe('trained on 16 Apr 2025');
    expect(at(new Date(2024, 11, 31, 8, 0))).toBe('trained on 31 Dec 2024');
  });

  it('a clock set back, or a date that cannot be read, says no wrong day', () => {
    expect(at(new Date(2025, 3, 23, 18, 0))).toBe('trained today at 18:00');
    expect(at(new Date(2025, 3, 25, 18, 0))).toBe('trained on 25 Apr 2025');
    expect(trainedWhen('not a date', NOW, 'en-GB')).toBe('trained earlier');
  });

  it('names the stored model Try it answers with (no raw locale timestamp)', () => {
    const savedAt = new Date(Date.now() - 60_000).toISOString();
    const info = { labels: ['a', 'b'], inputSize: 224, cropMode: 'center' as const };
    const { name } = storedModelInfo({ savedAt } as Parameters<typeof storedModelInfo>[0], info);
    expect(name).toMatch(/^trained (today|yesterday) at \S+/);
    expect(name).not.toContain('trained on');
  });
});
