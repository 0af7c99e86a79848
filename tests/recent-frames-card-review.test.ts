import { describe, expect, it, vi } from 'vitest';
import { all, markup, nameOf, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { ClassRecorder } = await import('../src/ui/webcam/ClassRecorder');
const { CapturePanel } = await import('../src/ui/webcam/CapturePanel');
const { openCardReview } = await import('../src/ui/webcam/card-review');

unseedAfterEach(useWebcam, useProject);

const image = (name: string) => ({
  id: name,
  file: new File([new Uint8Array(4)], name, { type: 'image/jpeg' }),
});
const frames = (n: number) => Array.from({ length: n }, (_, i) => image(`webcam-20240101-090105-${i + 1}.jpg`));

/** cup holds one photo and 11 frames, the last recording's */
function recordedIntoCup() {
  seed(useProject, { classes: [{ id: 'c1', name: 'cup', images: [image('cup.jpg'), ...frames(11)] }] as never });
  seed(useWebcam, { status: 'on', captureClassId: 'c1', recorded: 11, recordedInto: 'c1' });
}
const strip = (html: string) => all(parse(html), (n) => n.attrs['data-testid'] === 'recent-frames')[0];

// In a class card's recorder "See all in cup" jumped to the card it sits in; the card's Review does what it meant
describe('what the recent frames lead to', () => {
  it('in a class card’s recorder: a button that opens the class’s review, as the card’s own Review does', () => {
    recordedIntoCup();
    const html = markup(ClassRecorder, { classId: 'c1', name: 'cup', opener: { current: null } });
    expect(all(strip(html), (n) => n.tag === 'a')).toEqual([]);
    expect(strip(html).text).not.toContain('See all');
    const buttons = all(strip(html), (n) => n.tag === 'button');
    expect(buttons.map((b) => nameOf(html, b))).toEqual(['Review all 12 images']);
    expect(buttons[0].attrs['aria-haspopup']).toBe('dialog');
    expect(strip(html).text).toContain('Newest 8 of 11 · Review all 12 images');
  });

  it('in the Deploy step’s capture panel: still the link to the class’s card', () => {
    recordedIntoCup();
    const html = markup(CapturePanel);
    expect(all(strip(html), (n) => n.tag === 'button')).toEqual([]);
    expect(all(strip(html), (n) => n.tag === 'a').map((a) => a.text)).toEqual(['See all in cup']);
  });

  it('the card’s Review all button is what it presses: one review, opened the card’s way', () => {
    const clicks: string[] = [];
    const review = { click: () => clicks.push('review') };
    const card = { querySelector: (q: string) => (q === 'button[aria-label^="Review"]' ? review : null) };
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'class-card-c1' ? card : null) });
    try {
      expect(openCardReview('c1')).toBe(true);
      expect(clicks).toEqual(['review']);
      // no card (or no images in it): nothing to open
      expect(openCardReview('c2')).toBe(false);
      expect(clicks).toEqual(['review']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
