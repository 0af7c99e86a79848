import { afterEach } from 'vitest';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/**
 * Reading server-rendered markup the way assistive technology would, for the a11y tests: which
 * live regions there are and what they say, and what text an element holds.
 */

interface Node {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
  parent: Node | null;
}

const VOID = new Set(['input', 'img', 'br', 'hr', 'meta', 'link', 'source', 'col', 'area', 'wbr']);

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** A tree of the markup's elements (renderToStaticMarkup's output: well formed, void tags self-closed). */
export function parse(html: string): Node {
  const root: Node = { tag: '#root', attrs: {}, text: '', children: [], parent: null };
  let at = root;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g)) {
    const [, closing, tag, rawAttrs, selfClosing, text] = m;
    if (text !== undefined) {
      const t = decode(text);
      for (let n: Node | null = at; n; n = n.parent) n.text += t;
      continue;
    }
    if (closing) {
      at = at.parent ?? root;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (rawAttrs ?? '').matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) attrs[a[1]] = decode(a[2] ?? '');
    const node: Node = { tag: tag.toLowerCase(), attrs, text: '', children: [], parent: at };
    at.children.push(node);
    if (!selfClosing && !VOID.has(node.tag)) at = node;
  }
  return root;
}

export function all(node: Node, test: (n: Node) => boolean): Node[] {
  const found: Node[] = [];
  const walk = (n: Node) => {
    if (n !== node && test(n)) found.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return found;
}

// an explicit aria-live wins over the role's own (as browsers compute it): role=status aria-live=off is quiet
const isLive = (n: Node) =>
  n.attrs['aria-live'] !== undefined
    ? n.attrs['aria-live'] !== 'off'
    : ['status', 'alert', 'log', 'timer', 'marquee'].includes(n.attrs.role ?? '');

/** Every live region's text (outermost regions only: a region inside another speaks with it). */
export function liveRegions(html: string): { attrs: Record<string, string>; text: string }[] {
  const regions = all(parse(html), isLive);
  return regions
    .filter((r) => {
      for (let p = r.parent; p; p = p.parent) if (isLive(p)) return false;
      return true;
    })
    .map((r) => ({ attrs: r.attrs, text: r.text.replace(/\s+/g, ' ').trim() }));
}

export function byId(html: string, id: string | undefined): Node | undefined {
  if (!id) return undefined;
  return all(parse(html), (n) => n.attrs.id === id)[0];
}

/** The accessible name of a file input behind a <label for>, or of an element with aria-label. */
export function nameOf(html: string, el: Node): string {
  if (el.attrs['aria-labelledby'])
    return el.attrs['aria-labelledby']
      .split(' ')
      .map((id) => byId(html, id)?.text ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  if (el.attrs['aria-label'] !== undefined) return el.attrs['aria-label'];
  const label = all(parse(html), (n) => n.tag === 'label' && n.attrs.for === el.attrs.id)[0];
  return (label?.text ?? el.text).replace(/\s+/g, ' ').trim();
}

/** The file inputs of the markup, each with its accessible name and its label's visible words. */
export function filePickers(html: string): { name: string; visible: string; attrs: Record<string, string> }[] {
  const tree = parse(html);
  return all(tree, (n) => n.tag === 'input' && n.attrs.type === 'file').map((input) => {
    const label = all(tree, (n) => n.tag === 'label' && n.attrs.for === input.attrs.id)[0];
    // what a sighted person reads on the label: its text less what is only there for screen readers
    const hidden = label ? all(label, (n) => (n.attrs.class ?? '').split(' ').includes('visually-hidden')) : [];
    let visible = label?.text ?? '';
    for (const h of hidden) visible = visible.replace(h.text, '');
    return { name: nameOf(html, input), visible: visible.replace(/\s+/g, ' ').trim(), attrs: input.attrs };
  });
}

/** Sets a zustand store's state for renderToStaticMarkup, which reads a store's initial state (its server snapshot). */
export function seed<T extends object>(
  store: { setState(patch: Partial<T>): void; getInitialState(): T },
  patch: Partial<T>,
): void {
  store.setState(patch);
  Object.assign(store.getInitialState(), patch);
}

interface Seeded {
  getInitialState(): object;
  setState(state: object, replace: true): void;
}

/**
 * Puts the stores `seed` changed back after each test: their state and their initial state, which
 * the server render reads, as they were when this was called.
 */
export function unseedAfterEach(...list: object[]): void {
  // zustand's own setState types differ per store: each is used as Seeded here
  const stores = list as Seeded[];
  const initial = stores.map((s) => ({ ...s.getInitialState() }));
  afterEach(() =>
    stores.forEach((s, i) => {
      const init = s.getInitialState() as Record<string, unknown>;
      for (const k of Object.keys(init)) delete init[k];
      Object.assign(init, initial[i]);
      s.setState(initial[i], true);
    }),
  );
}

/** A component's props as markup's arguments: left out where it needs none (all optional, or none at all). */
export type PropsArgs<P> = Record<string, never> extends P ? [P?] : [P];

/** A component rendered to markup, as the server renders it (effects do not run). */
export function markup<P extends object>(component: FunctionComponent<P>, ...props: PropsArgs<P>): string {
  return renderToStaticMarkup(createElement(component, (props[0] ?? {}) as P));
}
