import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { holdAdvice } = await import('../src/ui/webcam/hold-advice');
const { frameName } = await import('../src/core/data/frame-name');
const { useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { CaptureHint, CapturePanel } = await import('../src/ui/webcam/CapturePanel');
const { createElement, Fragment } = await import('react');
const { renderToStaticMarkup } = await import('react-dom/server');

const frames = (stamp: string, n: number) => Array.from({ length: n }, (_, i) => frameName(stamp, i + 1));

describe('advice on a class recorded in one hold', () => {
  it('asks for a second hold while the class is one hold and nothing else', () => {
    expect(holdAdvice('three', frames('20261204-101010', 12))).toMatch(
      /^All of "three" is one hold so far: record it again in a second hold/,
    );
    expect(holdAdvice('', frames('20261204-101010', 2))).toMatch(/^All of this class is one hold/);
  });

  it('says nothing of a class of two holds, of photos, of one frame or of none', () => {
    expect(holdAdvice('three', [...frames('20261204-101010', 5), ...frames('20261204-101020', 5)])).toBeNull();
    expect(holdAdvice('three', [...frames('20261204-101010', 5), 'three.jpg'])).toBeNull();
    expect(holdAdvice('three', ['a.jpg', 'b.jpg'])).toBeNull();
    expect(holdAdvice('three', frames('20261204-101010', 1))).toBeNull();
    expect(holdAdvice('three', [])).toBeNull();
  });

  it('is part of the record button’s description in the capture panel, and not while recording', () => {
    const file = (name: string) => new File([new Uint8Array([1])], name, { type: 'image/jpeg' });
    const webcam = useWebcam.getInitialState();
    const project = useProject.getInitialState();
    const before = { webcam: { ...webcam }, project: { ...project } };
    try {
      Object.assign(project, {
        classes: [
          {
            id: 'c1',
            name: 'three',
            images: frames('20261204-101010', 8).map((n, i) => ({ id: `i${i}`, file: file(n), url: '' })),
          },
        ],
      });
      Object.assign(webcam, { status: 'on', captureClassId: 'c1' });
      // the description stands apart from the controls, under the live answer (WebcamPanel)
      const panel = () =>
        renderToStaticMarkup(createElement(Fragment, null, createElement(CapturePanel), createElement(CaptureHint)));
      const html = panel();
      const described = /aria-describedby="([^"]+)"/.exec(html)![1];
      const hint = new RegExp(`<p id="${described}"[^>]*>(.*?)</p>`).exec(html)![1].replace(/<[^>]+>/g, '');
      expect(hint).toContain('All of &quot;three&quot; is one hold so far');
      Object.assign(webcam, { recording: true });
      expect(panel()).not.toContain('one hold so far');
    } finally {
      Object.assign(webcam, before.webcam);
      Object.assign(project, before.project);
    }
  });
});
