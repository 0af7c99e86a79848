import { describe, expect, it, vi } from 'vitest';
import { all, markup, nameOf, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { ClassRecorder } = await import('../src/ui/webcam/ClassRecorder');

unseedAfterEach(useWebcam, useProject);

const image = (name: string) => ({
  id: name,
  file: new File([new Uint8Array(4)], name, { type: 'image/jpeg' }),
});
const frames = (n: number) => Array.from({ length: n }, (_, i) => image(`webcam-20240101-090105-${i + 1}.jpg`));

/** a card's recorder for cup, after the last recording went into `into` */
function recorderAfter(into: string): string {
  seed(useProject, {
    classes: [
      { id: 'c0', name: 'mug', images: frames(3) },
      { id: 'c1', name: 'cup', images: [image('cup.jpg'), ...frames(5)] },
    ] as never,
  });
  seed(useWebcam, { status: 'on', recorded: into === 'c1' ? 5 : 3, recordedInto: into });
  return markup(ClassRecorder, { classId: 'c1', name: 'cup', opener: { current: null } });
}
const strip = (html: string) => all(parse(html), (n) => n.attrs['data-testid'] === 'recent-frames')[0];

describe('a class card’s recorder pictures what it just recorded', () => {
  it('the frames, right under the count line (on a phone the card’s own thumbnails are off the screen)', () => {
    const html = recorderAfter('c1');
    const list = all(strip(html), (n) => n.tag === 'ul')[0];
    expect(nameOf(html, list)).toBe('Frames just recorded into cup, newest first');
    expect(all(list, (n) => n.tag === 'li')).toHaveLength(5);
    expect(html.indexOf('data-testid="capture-count"')).toBeLessThan(html.indexOf('data-testid="recent-frames"'));
    expect(html.indexOf('data-testid="recent-frames"')).toBeLessThan(html.indexOf('Start timed recording'));
  });

  it('not another class’s recording (the Deploy step’s, into mug)', () => {
    expect(strip(recorderAfter('c0'))).toBeUndefined();
  });
});
