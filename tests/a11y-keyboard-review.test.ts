import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
import { keyScrollsPage, stepOfFocus, type FocusedElement, type KeyTarget } from '../src/ui/layout/current-step';
import { answersNow, startWatch, watchSwitch } from '../src/ui/switch-outcome';
import { offerButtonName } from '../src/ui/other-model-words';
import { OtherModelSwitch } from '../src/ui/OtherModelOffer';
import { focusDropped, focusFirst } from '../src/ui/focus-dropped';
import { landingAfterTakeOver, noticeAfterTakeOver } from '../src/ui/taken-over';
import { focusLeavesStack, STACK_BOTTOM_PX, stackCover } from '../src/ui/undo-stack-focus';
import { besidePath, type TreeNode } from '../src/ui/webcam/inert-outside';
import { redrawnFocus } from '../src/ui/redrawn-focus';
import { declared, rulesFor } from './shell-css';

const source = (path: string) => readFileSync(new URL(`../src/${path}`, import.meta.url), 'utf8');

/** an element inside these ancestors, by selector: what closest() answers */
const inside = (marks: Record<string, string | null>): FocusedElement => ({
  closest: (selector) =>
    selector in marks ? { getAttribute: (name) => (name === 'data-step' ? marks[selector] : null) } : null,
});

describe('the step bar follows the keyboard focus', () => {
  it('the step the focus comes into is marked, Deploy (never measured) included', () => {
    expect(stepOfFocus(inside({ '[data-step]': 'train' }), null)).toBe('train');
    expect(stepOfFocus(inside({ '[data-step]': 'deploy' }), null)).toBe('deploy');
  });

  it("the bar's own links, a place outside the steps and a focus given back leave the mark", () => {
    expect(stepOfFocus(inside({ 'nav.steps': null }), null)).toBeNull();
    expect(stepOfFocus(inside({}), null)).toBeNull();
    const again = inside({ '[data-step]': 'data' });
    expect(stepOfFocus(again, again)).toBeNull();
    expect(stepOfFocus(inside({ '[data-step]': 'nowhere' }), null)).toBeNull();
  });

  it('the bar listens for the focus coming into a step, and for keys that scroll the page only', () => {
    const nav = source('ui/layout/StepNav.tsx');
    expect(nav).toContain("document.addEventListener('focusin', onFocus);");
    expect(nav).toContain('if (step) pick(step);');
    expect(nav).toContain('!keyScrollsPage(e.key,');
  });

  const el = (tagName: string, extra: Partial<KeyTarget> & { role?: string } = {}): KeyTarget => ({
    tagName,
    ...extra,
    getAttribute: (name) => (name === 'role' ? (extra.role ?? null) : null),
  });

  it("a key a control takes for itself does not unpick the step (Space on Deploy's buttons, arrows on a slider)", () => {
    expect(keyScrollsPage(' ', el('BUTTON'))).toBe(false);
    expect(keyScrollsPage('ArrowDown', el('INPUT', { type: 'range' }))).toBe(false);
    expect(keyScrollsPage(' ', el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(keyScrollsPage('End', el('INPUT', { type: 'text' }))).toBe(false);
    expect(keyScrollsPage('ArrowDown', el('DIV', { role: 'listbox' }))).toBe(false);
    expect(keyScrollsPage('PageDown', el('DIV', { isContentEditable: true }))).toBe(false);
    expect(keyScrollsPage('Tab', el('BODY'))).toBe(false);
  });

  it('a key that scrolls the page does', () => {
    expect(keyScrollsPage(' ', el('BODY'))).toBe(true);
    expect(keyScrollsPage('PageDown', null)).toBe(true);
    expect(keyScrollsPage('ArrowDown', el('BUTTON'))).toBe(true);
    expect(keyScrollsPage(' ', el('A'))).toBe(true);
    expect(keyScrollsPage('ArrowUp', el('INPUT', { type: 'checkbox' }))).toBe(true);
  });
});

describe("a model's change in Try it is said when it ends", () => {
  const imported = { kind: 'imported' as const, name: 'x.zip', labels: ['a', 'b', 'c'] };
  const trained = { kind: 'trained' as const, name: 'trained here', labels: ['a'] };

  it('an import that came says which model answers now', () => {
    let w = startWatch(null, null);
    w = watchSwitch(w, 'Importing x.zip…', null);
    expect(w.note).toBeNull();
    w = watchSwitch(w, 'Importing x.zip…', imported);
    w = watchSwitch(w, null, imported);
    expect(w.note).toBe('x.zip (3 classes) answers Try it now.');
  });

  it('"Use the model trained here" says so too', () => {
    let w = watchSwitch(startWatch(null, imported), 'Putting the model trained here back…', imported);
    w = watchSwitch(w, null, trained);
    expect(w.note).toBe('The model trained here (1 class) answers Try it now.');
    expect(answersNow({ ...trained, name: 'trained on 1/2/2026' })).toMatch(/^The model trained on /);
  });

  it("a wait that ends with the same model (failed: its alert says why) says nothing; a run's model takes the line away", () => {
    let w = watchSwitch(startWatch(null, imported), 'Importing y.zip…', imported);
    w = watchSwitch(w, null, imported);
    expect(w.note).toBeNull();
    w = watchSwitch(watchSwitch(watchSwitch(w, 'Importing x.zip…', imported), null, { ...imported }), null, trained);
    expect(w.note).toBeNull();
  });

  it("Try it's status line, there all along, says the outcome after the wait", () => {
    expect(source('ui/TryIt.tsx')).toMatch(
      /<span role="status" aria-live="polite" className="hint">\s*\{switching \?\? \(watched\.note &&/,
    );
  });

  it('the kept model\'s button says "Switching…" while it switches, its words first', () => {
    expect(offerButtonName(true, null, '10:02', '91.0%')).toMatch(/^Switching… to the model trained at 10:02, 91\.0%$/);
    expect(offerButtonName(false, null, '10:02', '91.0%')).toBe('Use that model instead (trained at 10:02, 91.0%)');
    expect(offerButtonName(false, 'MobileNet v1 α0.25', '10:02', '91.0%')).toBe(
      'Use that model instead (loads MobileNet v1 α0.25), trained at 10:02, 91.0%',
    );
    expect(source('ui/OtherModelOffer.tsx')).toContain('aria-label={offerButtonName(swapping,');
  });

  it("the switch's status line is on the page before its words", () => {
    expect(renderToStaticMarkup(createElement(OtherModelSwitch))).toBe('<p role="status" class="visually-hidden"></p>');
    // its failure takes the focus the page dropped
    expect(source('ui/OtherModelOffer.tsx')).toMatch(/role="alert" tabIndex=\{-1\} ref=\{failure\}/);
  });
});

describe('storage warnings that come with their words are alerts', () => {
  it.each([
    ['ui/TryIt.tsx', 'importNotKept'],
    ['ui/StartingPoint.tsx', 'notKept'],
    ['ui/ProjectBar.tsx', 'runsNotKept'],
  ])('%s: %s', (file, name) => {
    expect(source(file)).toMatch(new RegExp(`\\{${name} && \\(\\s*<p role="alert"`));
  });
});

describe('taking the project over from another tab', () => {
  it('the focus "Use it here" dropped goes to the Data step', () => {
    const step = { id: 'step-data' } as unknown as HTMLElement;
    const body = {} as Element;
    const doc = (activeElement: Element | null) => ({
      activeElement,
      body,
      getElementById: (id: string) => (id === 'step-data' ? step : null),
    });
    expect(landingAfterTakeOver(doc(body))).toBe(step);
    expect(landingAfterTakeOver(doc(null))).toBe(step);
    expect(landingAfterTakeOver(doc({ isConnected: true } as Element))).toBeNull();
  });

  it('the files left out are said after the first frame, after what the restore said', () => {
    expect(noticeAfterTakeOver('Restored 3 classes.', 'The last 2 files were not added.')).toBe(
      'Restored 3 classes. The last 2 files were not added.',
    );
    expect(noticeAfterTakeOver(null, 'x')).toBe('x');
    const main = source('main.tsx');
    expect(main).toContain('<AfterFirstFrame run={() => tookOver(taken.notice)} />');
    expect(main.indexOf('setNotice(')).toBeLessThan(main.indexOf('function start('));
  });
});

describe('the undo stack', () => {
  it('the undos keep their time until the focus leaves the whole stack', () => {
    const kids = [{}, {}];
    const stack = { contains: (x: unknown) => kids.includes(x as object) };
    expect(focusLeavesStack(stack, kids[1])).toBe(false);
    expect(focusLeavesStack(stack, null)).toBe(true);
    expect(focusLeavesStack(stack, {})).toBe(true);
    const toasts = source('ui/UndoToasts.tsx');
    expect(toasts).toMatch(
      /onFocus=\{\(ev\) => \{[^}]*focusInside\.current = true;\s*for \(const e of entries\) pauseUndo/,
    );
    expect(toasts).not.toContain('onBlur={() => resumeUndo(e.id)}');
  });

  it('the page scrolls a focused control clear of it, by its measured height and its gap', () => {
    expect(stackCover(0)).toBe(0);
    expect(stackCover(100.2)).toBe(117);
    const bottom = rulesFor('.undo-toasts')
      .map((r) => declared(r, 'bottom'))
      .find(Boolean);
    expect(bottom).toBe(`${STACK_BOTTOM_PX}px`);
    const padding = rulesFor('html')
      .map((r) => declared(r, 'scroll-padding-bottom'))
      .find(Boolean);
    expect(padding).toContain('var(--undo-cover');
    expect(
      rulesFor('.step-deploy')
        .map((r) => declared(r, 'scroll-padding-bottom'))
        .find(Boolean),
    ).toContain('var(--undo-cover');
  });
});

describe('demo mode keeps the keyboard on the stage', () => {
  it('everything beside the path up to the body is made inert, nothing on it or inside the stage', () => {
    const node = (name: string, children: TreeNode[] = []): TreeNode & { name: string } => {
      const n = { name, parentElement: null as TreeNode | null, children };
      for (const c of children) c.parentElement = n;
      return n;
    };
    const controls = node('controls');
    const stage = node('stage', [node('video'), controls]);
    const panel = node('panel', [node('picker'), stage, node('capture')]);
    const step = node('deploy', [node('tryit'), panel]);
    const main = node('main', [node('data'), step]);
    const root = node('root', [node('skip'), main, node('toasts')]);
    const body = node('body', [root, node('script')]);
    const names = besidePath(stage, body).map((n) => (n as unknown as { name: string }).name);
    expect(names.sort()).toEqual(['capture', 'data', 'picker', 'script', 'skip', 'toasts', 'tryit']);
  });

  it('on while the demo shows, off when it ends', () => {
    expect(source('ui/webcam/WebcamPanel.tsx')).toMatch(/return demo && el \? inertOutside\(el\) : undefined;/);
  });
});

describe('"Try again" after a crash', () => {
  it("the focus goes to the step's region, else the redrawn part's first control", () => {
    const region = { name: 'region' };
    const first = { name: 'button' };
    const host = (withRegion: boolean) => ({
      closest: (s: string) => (withRegion && s === '[tabindex="-1"]' ? region : null),
      querySelector: () => first,
    });
    expect(redrawnFocus(host(true))).toEqual([region, first]);
    expect(redrawnFocus(host(false))).toEqual([null, first]);
    expect(redrawnFocus(null)).toEqual([]);
  });

  it('the first that takes the focus has it (an inert region behind a dialog does not)', () => {
    let active: unknown = null;
    const inert = { focus: () => undefined };
    const button = { focus: () => (active = button) };
    expect(focusFirst([null, inert, button], () => active)).toBe(button);
    expect(focusDropped(null, null)).toBe(true);
  });

  it('the boundary notes where the part is drawn and focuses it once redrawn', () => {
    const boundary = source('ui/ErrorBoundary.tsx');
    expect(boundary).toContain("this.redrawnIn = e.currentTarget.closest('.crash')?.parentElement ?? null;");
    expect(boundary).toContain('focusFirst(redrawnFocus<HTMLElement>(host)');
  });
});
