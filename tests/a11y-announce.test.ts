import { describe, expect, it } from 'vitest';
import { createAnnouncer } from '../src/ui/announce';

describe('the throttled announcer: stages at once, progress at most once per gap', () => {
  it('says nothing of what the page shows as it loads', () => {
    const a = createAnnouncer(5_000);
    expect(a.offer('training', 'Training: epoch 3 of 20', 0)).toBeNull();
    expect(a.offer('training', 'Training: epoch 3 of 20', 100)).toBeNull();
  });

  it('says a new stage at once and its progress no more than once every few seconds', () => {
    const a = createAnnouncer(5_000);
    a.offer('idle', '', 0);
    expect(a.offer('extracting', 'Extracting features 0/500', 1_000)).toBe('Extracting features 0/500');
    // the worker's updates every 200 ms: none of them said until the gap has passed
    for (let t = 1_200; t < 6_000; t += 200)
      expect(a.offer('extracting', `Extracting features ${t / 10}/500`, t)).toBeNull();
    expect(a.offer('extracting', 'Extracting features 310/500', 6_000)).toBe('Extracting features 310/500');
    expect(a.offer('extracting', 'Extracting features 320/500', 6_200)).toBeNull();
    // the next stage does not wait for the gap
    expect(a.offer('training', 'Training: epoch 1 of 20', 6_400)).toBe('Training: epoch 1 of 20');
    expect(a.offer('training', 'Training: epoch 2 of 20', 6_600)).toBeNull();
    expect(a.offer('done', 'Training finished', 6_800)).toBe('Training finished');
  });

  it('repeats nothing, and a stage with nothing to say stays quiet', () => {
    const a = createAnnouncer(1_000);
    a.offer('idle', '', 0);
    expect(a.offer('sweeping', 'step 1 of 50', 10)).toBe('step 1 of 50');
    expect(a.offer('sweeping', 'step 1 of 50', 5_000)).toBeNull();
    expect(a.offer('idle', '', 5_100)).toBeNull();
    expect(a.offer('idle', '', 9_000)).toBeNull();
  });

  it('without milestones a stage is said once, however its text changes', () => {
    const a = createAnnouncer(1_000);
    a.offer('idle', '1 class, 3 images', 0, false);
    // the camera records 10 images a second into a class: the count is not read out
    for (let t = 100; t < 10_000; t += 100)
      expect(a.offer('idle', `1 class, ${3 + t / 100} images`, t, false)).toBeNull();
    expect(a.offer('adding', 'Adding images 0/40', 10_000)).toBe('Adding images 0/40');
    // the adding ends: the outcome is said at once
    expect(a.offer('idle', '1 class, 140 images', 10_100, false)).toBe('1 class, 140 images');
  });
});
