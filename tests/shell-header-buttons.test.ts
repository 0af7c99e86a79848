import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../src/ui/ConfirmDialog';
import { all, parse } from './a11y-html';
import {
  contrast,
  darkRootVar,
  declared,
  inheritedFrom,
  resolveVars,
  rgb,
  rootVar,
  rulesStyling,
  type El,
} from './shell-css';

/**
 * The header's buttons against its dark bar, and the parts with a light surface inside the header
 * (the project bar's confirm dialogs, its error line, a crashed part's panel): those look as they
 * do anywhere else. The bar's button style once reached every button under header.top: the
 * dialogs' "Start new project" was #f9fafb on white (1.05:1) and their Cancel invisible.
 */

const dialog = (pair: string) =>
  renderToStaticMarkup(
    createElement(ConfirmDialog, {
      title: 'Start a new project?',
      confirm: 'Start new project',
      onConfirm() {},
      onCancel() {},
      children: 'The current project is replaced by an empty one.',
    }),
  ).replace(/<button /g, `<button data-pair="${pair}" `);

// each light part twice: in the header, where App and ProjectBar put it, and in a step
const lightParts = (where: string) => `
  ${dialog(`dialog-${where}`)}
  <p role="alert" class="error">Browser storage is full. <button type="button" class="save-again" data-pair="error-${where}">Try saving again</button></p>`;
const crash = (where: string) => `
  <div class="panel crash" role="alert"><p><strong>Something went wrong.</strong></p>
    <details><summary>Details for a bug report</summary><code>boom</code></details>
    <button type="button" data-pair="crash-${where}">Try again</button></div>`;

const page = parse(`<html><body><div id="root">
<a class="skip-link" href="#step-data">Skip to the workspace</a>
<div class="chrome">
  <header class="top">
    <div class="top-row">
      <h1>Transfer Studio</h1>
      <div class="project-bar" role="group" aria-label="Project">
        <span data-testid="save-status"><span class="save-state">Saved in this browser (3 images)</span></span>
        <button type="button" data-bar="">Download project (zip)</button>
        <label for="open" class="button-like" data-bar=""><span>Open project…</span></label>
        <input id="open" class="visually-hidden" type="file" />
        <button type="button" class="new-project" data-bar="">New project</button>
        ${lightParts('header')}
      </div>
      ${crash('header')}
      <a class="header-backend" href="#compute-backend" data-bar="">Backend <strong>webgl</strong></a>
    </div>
    <div role="status" class="update-banner">A new version of Transfer Studio is ready.
      <button type="button" data-bar="">Reload to update</button>
      <button type="button" class="ghost" data-bar="">Reload anyway</button>
    </div>
  </header>
  <nav class="steps" aria-label="Steps"><ol><li><a href="#step-data" data-page="">1 Data</a></li></ol></nav>
</div>
<main class="workspace">
  <div class="step step-data" id="step-data"><section class="panel">
    <button type="button" data-page="">Add class</button>
    ${lightParts('step')}
  </section>${crash('step')}</div>
</main>
</div></body></html>`);

const byAttr = (attr: string) => all(page, (n) => n.attrs[attr] !== undefined);
/** Each light part's button in the header, with the same button of the same part in a step. */
const pairs = () => {
  const inHeader = all(page, (n) => /-header$/.test(n.attrs['data-pair'] ?? ''));
  return inHeader.map((el) => {
    const pair = el.attrs['data-pair'];
    const twin = all(page, (n) => n.attrs['data-pair'] === pair.replace(/-header$/, '-step'))[
      all(page, (n) => n.attrs['data-pair'] === pair).indexOf(el)
    ];
    return [el, twin] as const;
  });
};
const nameOf = (el: El) => `${el.tag} "${el.text.trim()}" (${el.attrs['data-pair'] ?? 'bar'})`;
const selectors = (el: El, prop: string) => rulesStyling(el, prop).map((r) => r.selector.replace(/\s+/g, ' '));

describe("the header's buttons", () => {
  it('the fixture has what the tests need (two buttons in each dialog, every light part twice)', () => {
    expect(pairs().map(([el]) => el.text.trim())).toEqual([
      'Start new project',
      'Cancel',
      'Try saving again',
      'Try again',
    ]);
    for (const [, twin] of pairs()) expect(twin).toBeDefined();
  });

  it('a dialog, an error line or a crashed part inside the header styles its buttons as anywhere else', () => {
    for (const [inHeader, elsewhere] of pairs())
      for (const prop of ['color', 'background', 'background-color', 'border-color', 'opacity'])
        expect(selectors(inHeader, prop), `${prop} of ${nameOf(inHeader)}`).toEqual(selectors(elsewhere, prop));
  });

  it("the bar's own buttons keep their light text on the dark bar", () => {
    const chrome = rgb(rootVar('--chrome'));
    for (const el of byAttr('data-bar').filter((n) => n.tag !== 'a')) {
      const colours = rulesStyling(el, 'color').filter((r) => r.selector.includes('header.top'));
      expect(colours.length, nameOf(el)).toBeGreaterThan(0);
      for (const rule of colours) expect(contrast(rgb(declared(rule, 'color')!), chrome)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('the focus ring (WCAG 1.4.11: 3:1 against what is next to it)', () => {
  const focusOf = (el: El) => {
    const from = inheritedFrom(el, '--focus');
    expect(from.length, nameOf(el)).toBeGreaterThan(0);
    return from.map((r) => resolveVars(declared(r, '--focus')!));
  };

  it('on the light surfaces, the page and the canvas', () => {
    const focus = rgb(rootVar('--focus'));
    expect(contrast(focus, rgb(rootVar('--surface')))).toBeGreaterThanOrEqual(3);
    expect(contrast(focus, rgb(rootVar('--canvas')))).toBeGreaterThanOrEqual(3);
    // the step bar, the page's buttons, and the light parts inside the header take the root's ring
    for (const el of [...byAttr('data-page'), ...pairs().flat()])
      expect(focusOf(el), nameOf(el)).toEqual([rootVar('--focus')]);
  });

  it("on the dark scheme's surfaces, the page and the canvas", () => {
    const focus = rgb(darkRootVar('--focus'));
    expect(contrast(focus, rgb(darkRootVar('--surface')))).toBeGreaterThanOrEqual(3);
    expect(contrast(focus, rgb(darkRootVar('--canvas')))).toBeGreaterThanOrEqual(3);
  });

  it("on the dark header's own controls", () => {
    const chrome = rgb(rootVar('--chrome'));
    for (const el of byAttr('data-bar'))
      for (const ring of focusOf(el)) expect(contrast(rgb(ring), chrome), nameOf(el)).toBeGreaterThanOrEqual(3);
  });
});
