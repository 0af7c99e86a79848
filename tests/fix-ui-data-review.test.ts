import { beforeEach, describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// where each control that removes or disables itself hands the focus on to
vi.mock('../src/ui/focus-after-removal', () => import('./hand-on-recorder'));
const { handOns } = await import('./hand-on-recorder');
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { HealthPanel } = await import('../src/ui/HealthPanel');
const { DataPanel } = await import('../src/ui/DataPanel');
const { ClassCard } = await import('../src/ui/ClassCard');
const { ImageReview } = await import('../src/ui/ImageReview');
const { leavesZone } = await import('../src/ui/useDropZone');
const { keepsOwnUndo } = await import('../src/ui/undo-key');
const { emptyGridLine, imageCount, largeCaption, reviewHeading, reviewKeyAction, splitCaption } =
  await import('../src/ui/review-rules');

const LOCK = 'Training is running: Stop it to rename, move or delete classes and images.';
const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const cats = (n: number) => ({
  id: 'c1',
  name: 'cats',
  images: Array.from({ length: n }, (_, k) => projectImage(`i${k + 1}`, file(`${k + 1}.png`))),
});

beforeEach(() => {
  handOns.length = 0;
  seed(useProject, { classes: [], locked: null, notice: null, adding: null });
});

describe('Ctrl+Z reaches the app’s Undo unless the focus is in text entry', () => {
  it('text boxes, text areas and editable content keep their own undo of typing', () => {
    for (const type of ['text', 'search', 'url', 'email', 'tel', 'password', 'number', 'TEXT', undefined, ''])
      expect(keepsOwnUndo({ tagName: 'INPUT', type }), `input type ${type}`).toBe(true);
    expect(keepsOwnUndo({ tagName: 'TEXTAREA' })).toBe(true);
    expect(keepsOwnUndo({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('a file input, checkbox, radio, button, range or select lets it through', () => {
    for (const type of ['file', 'checkbox', 'radio', 'button', 'submit', 'range', 'color'])
      expect(keepsOwnUndo({ tagName: 'INPUT', type }), `input type ${type}`).toBe(false);
    expect(keepsOwnUndo({ tagName: 'SELECT', type: 'select-one' })).toBe(false);
    expect(keepsOwnUndo({ tagName: 'BUTTON', type: 'button' })).toBe(false);
    expect(keepsOwnUndo({ tagName: 'BODY' })).toBe(false);
    expect(keepsOwnUndo(null)).toBe(false);
  });
});

describe('a drop zone’s highlight', () => {
  const child = {};
  const outside = {};
  const zone = { contains: (o: object) => o === child };
  it('stays while the pointer moves onto one of its children', () => {
    expect(leavesZone(zone, child)).toBe(false);
  });
  it('goes when the pointer leaves it, or the window', () => {
    expect(leavesZone(zone, outside)).toBe(true);
    expect(leavesZone(zone, null)).toBe(true);
  });
});

describe('health fixes while a run holds the project', () => {
  const issue = {
    kind: 'exact-duplicate' as const,
    message: '1.png and 2.png are the same file',
    ids: ['i1', 'i2'],
    remove: ['i2'],
    fixLabel: 'Remove duplicate',
  };
  const render = (locked: string | null) => {
    seed(useProject, { classes: [cats(2)], locked });
    seed(useInsight, {
      health: {
        ...useInsight.getState().health,
        status: 'done',
        report: { issues: [issue], checked: 2, extracted: 2 },
        stale: false,
      },
    });
    return markup(HealthPanel, { disabled: false });
  };
  const fixButton = (html: string) => all(parse(html), (n) => n.tag === 'button' && n.text === 'Remove duplicate')[0];

  it('are disabled, with the lock’s reason given once in the panel and on each fix', () => {
    const html = render(LOCK);
    const fix = fixButton(html);
    expect(fix.attrs.disabled).toBeDefined();
    expect(fix.attrs.title).toBe(LOCK);
    const hints = all(parse(html), (n) => n.tag === 'p' && n.text === LOCK);
    expect(hints).toHaveLength(1);
    expect(fix.attrs['aria-describedby'].split(' ')).toContain(hints[0].attrs.id);
  });

  it('are pressable once the run has ended', () => {
    const html = render(null);
    expect(fixButton(html).attrs.disabled).toBeUndefined();
    expect(html).not.toContain(LOCK);
  });
});

describe('the Images panel’s notice', () => {
  const notices = (html: string) => all(parse(html), (n) => n.tag === 'p' && n.attrs.role === 'status');

  it('has its status region on the page before any notice, so the first one is read', () => {
    const [region] = notices(markup(DataPanel));
    expect(region).toBeDefined();
    expect(region.text).toBe('');
    expect(region.attrs.class).not.toBe('notice');
  });

  it('puts the notice and its Dismiss button in that region', () => {
    seed(useProject, { notice: 'Skipped 1 empty file (0 bytes): empty.jpg' });
    const [region] = notices(markup(DataPanel));
    expect(region.attrs.class).toBe('notice');
    expect(region.text).toContain('Skipped 1 empty file (0 bytes): empty.jpg');
    const dismiss = all(region, (n) => n.tag === 'button')[0];
    expect(dismiss.attrs['aria-label']).toBe('Dismiss message');
    expect(dismiss.attrs.class).toContain('notice-dismiss');
  });

  it('stays empty while the notice is the lock the panel already shows', () => {
    seed(useProject, { notice: LOCK, locked: LOCK });
    const [region] = notices(markup(DataPanel));
    expect(region.text).toBe('');
  });
});

describe('the image review', () => {
  it('counts in plain English plurals', () => {
    expect(imageCount(1)).toBe('1 image');
    expect(imageCount(0)).toBe('0 images');
    expect(reviewHeading('cats', 1, 1)).toBe('cats: 1 image');
    expect(reviewHeading('cats', 3, 3)).toBe('cats: 3 images');
    expect(reviewHeading('cats', 1, 3)).toBe('cats: 1 of 3 images');
    expect(reviewHeading('cats', 0, 0)).toBe('cats: 0 images');
  });

  it('says a class with no images has none, rather than blaming the filters', () => {
    expect(emptyGridLine('cats', 0)).toBe('cats has no images.');
    expect(emptyGridLine('cats', 4)).toBe('No image of cats matches these filters.');
  });

  it('captions an image the last run could not read as left out, as the Split filter sorts it', () => {
    const facts = {
      validation: new Set(['v']),
      unusable: new Set(['u']),
      wrong: new Set(['v']),
      flagged: new Set<string>(),
    };
    expect(splitCaption('u', facts)).toBe('left out: could not be read in the last run');
    expect(splitCaption('v', facts)).toBe('validation');
    expect(splitCaption('t', facts)).toBe('training');
    expect(largeCaption('cats', 'v', facts)).toBe('cats · validation · wrong in the last run');
    expect(largeCaption('cats', 'u', facts)).toBe('cats · left out: could not be read in the last run');
  });

  it('the Delete key does not delete while a run holds the project (the Delete button is disabled then)', () => {
    const del = { key: 'Delete', ctrlKey: false, metaKey: false };
    expect(reviewKeyAction(del, { picked: 2, locked: null })).toBe('delete');
    expect(reviewKeyAction(del, { picked: 2, locked: LOCK })).toBeNull();
    expect(reviewKeyAction(del, { picked: 0, locked: null })).toBeNull();
    expect(reviewKeyAction({ key: 'a', ctrlKey: true, metaKey: false }, { picked: 0, locked: LOCK })).toBe(
      'select-all',
    );
  });

  it('shows one image as one, and an emptied class as empty', () => {
    seed(useProject, { classes: [cats(1)] });
    expect(markup(ImageReview, { classId: 'c1', onClose() {} })).toContain('cats: 1 image<');
    seed(useProject, { classes: [cats(0)] });
    const empty = markup(ImageReview, { classId: 'c1', onClose() {} });
    expect(empty).toContain('cats has no images.');
    expect(empty).not.toContain('matches these filters');
  });

  it('Select none, which disables itself, hands the focus to the image grid', () => {
    seed(useProject, { classes: [cats(2)] });
    const html = markup(ImageReview, { classId: 'c1', onClose() {} });
    const none = all(parse(html), (n) => n.tag === 'button' && n.text === 'Select none')[0];
    expect(none).toBeDefined();
    const handOn = handOns.find((h) => h.peers === '.review-none');
    expect(handOn).toBeDefined();
    expect([handOn!.fallback].flat()[0]).toBe('[role="listbox"]');
  });
});

describe('a class card', () => {
  it('offers to review one image as one', () => {
    const html = markup(ClassCard, { cls: cats(1) });
    expect(html).toContain('Review 1 image<');
    expect(html).toContain('aria-label="Review 1 image of cats"');
    const many = markup(ClassCard, { cls: cats(3) });
    expect(many).toContain('aria-label="Review all 3 images of cats"');
  });
});
