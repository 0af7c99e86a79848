import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import postcss, { type Root, type Rule } from 'postcss';
import type { parse } from './a11y-html';

/**
 * The shell's stylesheets read as data, for the shell tests: their rules, the root's custom
 * properties, which rules may style an element of a markup tree, lengths and colours worked out.
 * No browser: a selector matches "maybe" where it depends on a state (:hover, :disabled, :has…),
 * and a maybe counts as a match, so a rule that could style an element is never missed.
 */

export type El = ReturnType<typeof parse>;

const UI = new URL('../src/ui/', import.meta.url);
const textOf = (file: string) => readFileSync(new URL(file, UI), 'utf8');

/** A sheet's files in the order the build inlines them: each @import's (followed in turn), then its own rules. */
const inlined = (file: string): string[] => [
  ...[...textOf(file).matchAll(/@import\s+['"]([^'"]+)['"]/g)].flatMap((m) =>
    inlined(posix.join(posix.dirname(file), m[1])),
  ),
  file,
];

/**
 * The stylesheets' files (paths under src/ui) in the order the built page holds them: review.css comes
 * in with the App's imports, before styles.css, which is an index of @imports (styles/*.css); every
 * test that reads the styles reads them from here, so a rule's place in the cascade is the page's.
 */
export const SHEETS: { file: string; root: Root }[] = ['review.css', 'styles.css']
  .flatMap(inlined)
  .map((file) => ({ file, root: postcss.parse(textOf(file), { from: file }) }));

/** The same files' text, joined in that order, for tests that search it. */
export const CSS_TEXT = SHEETS.map(({ file }) => textOf(file)).join('\n');

/** A rule of another colour scheme than the light one: the system's dark setting, or forced colours. */
const otherScheme = (rule: Rule) =>
  rule.parent?.type === 'atrule' &&
  /prefers-color-scheme:\s*dark|forced-colors/.test((rule.parent as { params: string }).params);

/**
 * Every style rule of the stylesheets (all load on every page), in the built order, @media rules
 * included, as the light colour scheme applies them; DARK_RULES, the dark scheme's own.
 */
export const RULES: Rule[] = [];
export const DARK_RULES: Rule[] = [];
for (const { root } of SHEETS)
  root.walkRules((rule) => {
    // keyframe steps are not selectors
    if (rule.parent?.type === 'atrule' && /keyframes$/.test((rule.parent as { name: string }).name)) return;
    if (!otherScheme(rule)) RULES.push(rule);
    else if (/prefers-color-scheme/.test((rule.parent as { params: string }).params)) DARK_RULES.push(rule);
  });

/** The declared value of a property in a rule (the last one wins), or undefined. */
export function declared(rule: Rule, prop: string): string | undefined {
  let value: string | undefined;
  rule.walkDecls(prop, (d) => {
    value = d.value;
  });
  return value;
}

/** The rules with exactly this selector (among the selectors of a list). */
export const rulesFor = (selector: string): Rule[] => RULES.filter((r) => r.selectors.includes(selector));

/** A custom property of :root, its var() references resolved. */
export function rootVar(name: string): string {
  const rule = rulesFor(':root').find((r) => declared(r, name) !== undefined);
  if (!rule) throw new Error(`${name} is not set on :root`);
  return resolveVars(declared(rule, name)!);
}

/** A custom property as the dark scheme sets it on :root (the light one's where it sets none). */
export function darkRootVar(name: string): string {
  const rule = DARK_RULES.find((r) => r.selectors.includes(':root') && declared(r, name) !== undefined);
  return rule ? resolveVars(declared(rule, name)!) : rootVar(name);
}

export const resolveVars = (value: string, vars: Record<string, string> = {}): string =>
  value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => resolveVars(vars[name] ?? rootVar(name), vars));

// ---- selectors -----------------------------------------------------------------------------------

type Tri = 'yes' | 'maybe' | 'no';
const and = (a: Tri, b: Tri): Tri =>
  a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
const or = (a: Tri, b: Tri): Tri =>
  a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';

/** Splits at the top level (outside brackets and parentheses) where `at` says a separator starts. */
function splitTop(s: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && sep.test(c)) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** A complex selector as compounds and the combinators between them: ['header.top', ' ', 'button']. */
function complexParts(selector: string): string[] {
  const out: string[] = [];
  let word = '';
  let depth = 0;
  let comb: string | null = null;
  const flush = () => {
    if (!word) return;
    if (out.length) out.push(comb ?? ' ');
    out.push(word);
    word = '';
    comb = null;
  };
  for (const c of selector.trim()) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (depth === 0 && /[\s>+~]/.test(c)) {
      flush();
      if (c !== ' ' && c !== '\n' && c !== '\t') comb = c;
    } else word += c;
  }
  flush();
  return out;
}

const classes = (el: El) => (el.attrs.class ?? '').split(/\s+/).filter(Boolean);
const siblingsBefore = (el: El) => (el.parent ? el.parent.children.slice(0, el.parent.children.indexOf(el)) : []);

function attrMatch(el: El, body: string): Tri {
  const m = /^\s*([\w-]+)\s*(?:([~^$*|]?=)\s*(?:'([^']*)'|"([^"]*)"|([^\s\]]+)))?\s*$/.exec(body);
  if (!m) return 'maybe';
  const [, name, op, v1, v2, v3] = m;
  const have = el.attrs[name];
  if (have === undefined) return 'no';
  if (!op) return 'yes';
  const want = v1 ?? v2 ?? v3 ?? '';
  const ok =
    op === '='
      ? have === want
      : op === '~='
        ? have.split(/\s+/).includes(want)
        : op === '^='
          ? have.startsWith(want)
          : op === '$='
            ? have.endsWith(want)
            : op === '*='
              ? have.includes(want)
              : have === want || have.startsWith(`${want}-`);
  return ok ? 'yes' : 'no';
}

function compoundMatch(el: El, compound: string): Tri {
  let result: Tri = 'yes';
  let i = 0;
  const tag = /^(\*|[a-zA-Z][\w-]*)/.exec(compound);
  if (tag) {
    if (tag[1] !== '*' && tag[1].toLowerCase() !== el.tag) return 'no';
    i = tag[1].length;
  }
  while (i < compound.length && result !== 'no') {
    const rest = compound.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\.([\w-]+)/.exec(rest))) {
      result = and(result, classes(el).includes(m[1]) ? 'yes' : 'no');
      i += m[0].length;
    } else if ((m = /^#([\w-]+)/.exec(rest))) {
      result = and(result, el.attrs.id === m[1] ? 'yes' : 'no');
      i += m[0].length;
    } else if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      result = and(result, attrMatch(el, rest.slice(1, end)));
      i += end + 1;
    } else if ((m = /^(::?)([\w-]+)/.exec(rest))) {
      let arg: string | null = null;
      let len = m[0].length;
      if (rest[len] === '(') {
        let depth = 0;
        let j = len;
        for (; j < rest.length; j++) {
          if (rest[j] === '(') depth++;
          else if (rest[j] === ')' && --depth === 0) break;
        }
        arg = rest.slice(len + 1, j);
        len = j + 1;
      }
      result = and(result, pseudoMatch(el, m[1] === '::', m[2].toLowerCase(), arg));
      i += len;
    } else return 'maybe';
  }
  return result;
}

function pseudoMatch(el: El, element: boolean, name: string, arg: string | null): Tri {
  // a pseudo-element's rule styles the pseudo-element, not the element
  if (element || ['before', 'after', 'first-line', 'first-letter'].includes(name)) return 'no';
  if (name === 'is' || name === 'where' || name === 'matches') return mayMatch(arg ?? '', el);
  if (name === 'not') {
    const inner = mayMatch(arg ?? '', el);
    return inner === 'yes' ? 'no' : inner === 'no' ? 'yes' : 'maybe';
  }
  if (name === 'root') return el.tag === 'html' ? 'yes' : 'no';
  if (name === 'first-child') return siblingsBefore(el).length === 0 ? 'yes' : 'no';
  if (name === 'last-child') return el.parent?.children.at(-1) === el ? 'yes' : 'no';
  // a state (:hover, :focus-visible, :disabled, :open…) or a relation (:has, :nth-child) the tree does not settle
  return 'maybe';
}

function complexMatch(parts: string[], at: number, el: El | null): Tri {
  if (!el || el.tag === '#root') return 'no';
  const here = compoundMatch(el, parts[at]);
  if (here === 'no' || at === 0) return here;
  const comb = parts[at - 1];
  let rest: Tri = 'no';
  if (comb === '>') rest = complexMatch(parts, at - 2, el.parent);
  else if (comb === ' ')
    for (let p = el.parent; p && rest !== 'yes'; p = p.parent) rest = or(rest, complexMatch(parts, at - 2, p));
  else if (comb === '+') rest = complexMatch(parts, at - 2, siblingsBefore(el).at(-1) ?? null);
  else for (const s of siblingsBefore(el)) rest = or(rest, complexMatch(parts, at - 2, s));
  return and(here, rest);
}

/** Whether a selector (a list allowed) matches the element: yes, no, or maybe (it depends on a state). */
export function mayMatch(selectorList: string, el: El): Tri {
  let result: Tri = 'no';
  for (const selector of splitTop(selectorList, /,/)) {
    const parts = complexParts(selector);
    if (parts.length) result = or(result, complexMatch(parts, parts.length - 1, el));
  }
  return result;
}

/** The rules that may style the element itself and declare the property. */
export const rulesStyling = (el: El, prop: string): Rule[] =>
  RULES.filter((r) => declared(r, prop) !== undefined && mayMatch(r.selector, el) !== 'no');

/**
 * The rules an inherited property (a custom property) may come from: those of the nearest element,
 * the element itself or an ancestor, that some rule declaring it may match.
 */
export function inheritedFrom(el: El, prop: string): Rule[] {
  for (let at: El | null = el; at && at.tag !== '#root'; at = at.parent) {
    const rules = rulesStyling(at, prop);
    if (rules.length) return rules;
  }
  return [];
}

// ---- lengths and colours -------------------------------------------------------------------------

/** A length in px from a calc() of px values and var()s (and a percentage of `percentOf`). */
export function px(value: string, vars: Record<string, string> = {}, percentOf = 0): number {
  const expr = resolveVars(value, vars)
    .replace(/calc\(/g, '(')
    .replace(/\bmin\(/g, 'Math.min(')
    .replace(/\bmax\(/g, 'Math.max(')
    .replace(/(-?[\d.]+)%/g, (_, n: string) => `(${n}*${percentOf}/100)`)
    .replace(/(-?[\d.]+)px/g, '$1');
  if (!/^[\d.\s+\-*/(),]*$/.test(expr.replace(/Math\.(min|max)/g, ''))) throw new Error(`not a length: ${value}`);
  return Function(`return (${expr})`)() as number;
}

export type RGB = [number, number, number];

export function rgb(color: string): RGB {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;
  }
  throw new Error(`not a hex colour: ${color}`);
}

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = ([r, g, b]: RGB) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

/** WCAG 2 contrast ratio. */
export function contrast(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour with alpha laid over an opaque one. */
export const over = (color: RGB, alpha: number, under: RGB): RGB =>
  color.map((c, i) => c * alpha + under[i] * (1 - alpha)) as RGB;
