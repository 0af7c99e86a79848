import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentStep, readingLine, type StepBox } from '../src/ui/layout/current-step';

/**
 * The step bar marks the step being read. On a phone (and at 200% zoom) the header scrolls away and
 * only the step bar stays: the line measured from the header's bottom ran thousands of pixels above
 * the screen, and Data stayed marked whatever was on screen.
 */
describe('the current step', () => {
  // a phone scrolled into Train: the header 2306 px above the screen, the step bar stuck at the top
  const headerBottom = -2306;
  const stepBarBottom = 56;
  const boxes: StepBox[] = [
    { id: 'data', top: -2250, bottom: -900 },
    { id: 'model', top: -900, bottom: 40 },
    { id: 'train', top: 40, bottom: 1400 },
    { id: 'evaluate', top: 1400, bottom: 2900 },
  ];

  it('is the one under the step bar, wherever the header is', () => {
    expect(currentStep(readingLine(stepBarBottom), boxes)).toBe('train');
    // what the header's bottom said instead
    expect(currentStep(headerBottom + 80, boxes)).toBe('data');
  });

  it('reads a little below the bar: a step whose top just passed under it is current', () => {
    expect(readingLine(56)).toBeGreaterThan(56);
    expect(currentStep(readingLine(56), [{ id: 'model', top: 70, bottom: 900 }])).toBe('model');
    expect(currentStep(readingLine(56), [{ id: 'model', top: 200, bottom: 900 }])).toBe('data');
  });

  it('is Data at the top of the page, before any step reaches the line', () => {
    expect(currentStep(readingLine(180), [{ id: 'data', top: 400, bottom: 1400 }])).toBe('data');
  });

  it('the step bar measures from its own bottom, not the header', () => {
    const nav = readFileSync(new URL('../src/ui/layout/StepNav.tsx', import.meta.url), 'utf8');
    expect(nav).toContain("readingLine(document.querySelector('nav.steps')");
    expect(nav).not.toContain("querySelector('header.top')");
  });
});

/**
 * Between two steps (the page's gap between their panels, or a step shorter than the screen) no
 * step's box crosses the line: the bar marked Data while a phone read Evaluate.
 */
describe('the current step between two steps', () => {
  const boxes: StepBox[] = [
    { id: 'data', top: -3000, bottom: -2000 },
    { id: 'model', top: -1984, bottom: -900 },
    { id: 'train', top: -884, bottom: 60 },
    { id: 'evaluate', top: 90, bottom: 1400 },
    { id: 'deploy', top: 1416, bottom: 2600 },
  ];

  it('is the last step whose top is above the line, not Data', () => {
    // the line at 70: in the 30-px gap between Train's bottom and Evaluate's top
    expect(currentStep(70, boxes)).toBe('train');
    expect(currentStep(1410, boxes)).toBe('evaluate');
    // past the last step's end (its bottom padding), still the last step
    expect(currentStep(2700, boxes)).toBe('deploy');
  });

  it('is Data only above the first step', () => {
    expect(currentStep(-3100, boxes)).toBe('data');
    expect(currentStep(80, [{ id: 'model', top: 100, bottom: 900 }])).toBe('data');
  });

  it('follows where the steps are, not the order they are given in', () => {
    expect(currentStep(70, [...boxes].reverse())).toBe('train');
  });
});
