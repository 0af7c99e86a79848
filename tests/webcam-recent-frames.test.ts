import { describe, expect, it, vi } from 'vitest';
import { all, markup, nameOf, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { CapturePanel } = await import('../src/ui/webcam/CapturePanel');
const { recentFrames, RECENT_SHOWN } = await import('../src/ui/webcam/recent-frames');
const { CARD_THUMB } = await import('../src/ui/ClassCard');

unseedAfterEach(useWebcam, useProject);

const image = (name: string) => ({
  id: name,
  file: new File([new Uint8Array(4)], name, { type: 'image/jpeg' }),
  url: '',
});
const names = (images: { file: File }[]) => images.map((i) => i.file.name);

describe('the frames of the last recording, read from the class’s images', () => {
  it('newest first, only the last hold’s, at most eight, with how many there are', () => {
    const older = Array.from({ length: 4 }, (_, i) => image(`webcam-20240101-090000-${i + 1}.jpg`));
    const last = Array.from({ length: 12 }, (_, i) => image(`webcam-20240101-090105-${i + 5}.jpg`));
    // a photo added by hand after the recording is no frame of it
    const { shown, total } = recentFrames([...older, image('cup.jpg'), ...last.reverse()], 12);
    expect(total).toBe(12);
    expect(shown).toHaveLength(RECENT_SHOWN);
    expect(names(shown)).toEqual([16, 15, 14, 13, 12, 11, 10, 9].map((n) => `webcam-20240101-090105-${n}.jpg`));
  });

  it('frame 10 comes after frame 9 (not in the order of the names as text), and a zip’s numbered names count', () => {
    const { shown } = recentFrames(
      [image('3-webcam-20240101-090105-9.jpg'), image('4-webcam-20240101-090105-10.jpg')],
      2,
    );
    expect(names(shown)).toEqual(['4-webcam-20240101-090105-10.jpg', '3-webcam-20240101-090105-9.jpg']);
  });

  it('two holds begun in the same second: only as many as the last one recorded', () => {
    const frames = Array.from({ length: 6 }, (_, i) => image(`webcam-20240101-090105-${i + 1}.jpg`));
    const { shown, total } = recentFrames(frames, 2);
    expect(total).toBe(2);
    expect(names(shown)).toEqual(['webcam-20240101-090105-6.jpg', 'webcam-20240101-090105-5.jpg']);
  });

  it('nothing from a class with no frames', () => {
    expect(recentFrames([image('cup.jpg')], 3)).toEqual({ shown: [], total: 0 });
  });
});

describe('the capture panel pictures what was just recorded', () => {
  const frames = Array.from({ length: 11 }, (_, i) => image(`webcam-20240101-090105-${i + 1}.jpg`));
  const recordedCup = (over: object = {}) => {
    seed(useProject, {
      classes: [
        { id: 'c0', name: 'mug', images: [] },
        { id: 'c1', name: 'cup', images: [image('cup.jpg'), ...frames] },
      ] as never,
    });
    seed(useWebcam, { status: 'on', captureClassId: 'c1', recorded: 11, recordedInto: 'c1', ...over });
  };
  const strip = (html: string) => all(parse(html), (n) => n.attrs['data-testid'] === 'recent-frames')[0];

  it('the newest eight, each named, the count, and a link to the class’s card', () => {
    recordedCup();
    const html = markup(CapturePanel);
    const list = all(strip(html), (n) => n.tag === 'ul')[0];
    expect(nameOf(html, list)).toBe('Frames just recorded into cup, newest first');
    const pictures = all(list, (n) => n.tag === 'img' || n.attrs.role === 'img');
    expect(pictures.map((p) => p.attrs.alt ?? p.attrs['aria-label'])).toEqual(
      [11, 10, 9, 8, 7, 6, 5, 4].map((n) => `Frame ${n} of 11`),
    );
    expect(strip(html).text).toContain('Newest 8 of 11');
    const link = all(strip(html), (n) => n.tag === 'a')[0];
    expect(link.text).toBe('See all in cup');
    // straight to the class's card (the click then hands the focus to its Review button)
    expect(link.attrs.href).toBe('#class-card-c1');
    // right after what says how many were recorded, before the timed recording
    expect(html.indexOf('data-testid="capture-count"')).toBeLessThan(html.indexOf('data-testid="recent-frames"'));
    expect(html.indexOf('data-testid="recent-frames"')).toBeLessThan(html.indexOf('Start timed recording'));
  });

  it('asks for the class card’s thumbnail size: the one small picture of a frame serves both', () => {
    recordedCup({ recorded: 3 });
    const pictures = all(strip(markup(CapturePanel)), (n) => n.tag === 'img' || n.attrs.role === 'img');
    expect(pictures).toHaveLength(3);
    expect(CARD_THUMB).toBeGreaterThan(0);
    for (const p of pictures) expect(p.attrs.style).toContain(`width:${CARD_THUMB}px`);
  });

  it('no count when all of them show', () => {
    recordedCup({ recorded: 3 });
    const html = markup(CapturePanel);
    expect(all(strip(html), (n) => n.attrs.role === 'img' || n.tag === 'img')).toHaveLength(3);
    expect(strip(html).text).not.toContain('Newest');
  });

  it('not while it records, nor before anything was recorded', () => {
    recordedCup({ recording: true });
    expect(strip(markup(CapturePanel))).toBeUndefined();
    recordedCup({ recording: false, recorded: 0, recordedInto: '' });
    expect(strip(markup(CapturePanel))).toBeUndefined();
  });
});
