import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { BarLines, lineClass, NOTICE_MS } = await import('../src/ui/ProjectBarLines');

/**
 * "Project zip written: …" and "Opened x.zip: …" were a yellow strip in the header's flow: it grew
 * the header by 36 px (55 on a phone), moved the step bar and the page, and stayed for minutes.
 */
const zip = (text: string, error = false) => ({ key: 'zip' as const, error, text });
const lines = (message: { error: boolean; text: string }, error: string | null = null) =>
  all(
    parse(
      markup(BarLines, { error, message, offerOn: false, full: false, saving: false, busy: false, setMessage() {} }),
    ),
    (n) => n.tag === 'p',
  );

describe("a project zip's outcome in the header", () => {
  it('floats (out of the flow) while it shows, then only screen readers keep it', () => {
    const said = { error: false, text: 'Project zip written: 3 images, 1.0 MB.' };
    expect(lineClass(zip(said.text), said, false)).toBe('hint bar-notice');
    expect(lineClass(zip(said.text), said, true)).toBe('visually-hidden');
    expect(NOTICE_MS).toBeGreaterThanOrEqual(5000);
    expect(NOTICE_MS).toBeLessThanOrEqual(10_000);
  });

  it('is a status said to screen readers, its words in the page', () => {
    const [line] = lines({ error: false, text: 'Opened a.zip: 1 class, 2 images.' });
    expect(line.attrs.role).toBe('status');
    expect(line.attrs.class).toBe('hint bar-notice');
    expect(line.text).toBe('Opened a.zip: 1 class, 2 images.');
  });

  it('a failure, or an outcome that left something out, stays in the header as an alert', () => {
    const said = { error: true, text: 'Opened a.zip: 1 class, 2 images. Left out: its run history (bad).' };
    expect(lineClass(zip(said.text, true), said, true)).toBe('error');
    const [line] = lines(said);
    expect(line.attrs.role).toBe('alert');
    expect(line.attrs.class).toBe('error');
  });

  it('an autosave failure stays a line of the header', () => {
    const [save] = lines({ error: false, text: 'Project zip written.' }, 'Browser storage is full.');
    expect(save.attrs.class).toBe('error');
    expect(lineClass({ key: 'save', error: false, text: 'x' }, null, true)).toBe('hint');
  });
});
