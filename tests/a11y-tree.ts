import type { ReactElement, ReactNode } from 'react';

/**
 * The elements of a component's output, found without rendering it: for calling a component as a
 * function (with its hooks mocked) and pressing what it returns, where Node has no DOM.
 */
export function elements(node: ReactNode): ReactElement<Record<string, unknown>>[] {
  const found: ReactElement<Record<string, unknown>>[] = [];
  const walk = (n: ReactNode) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object' || !('props' in n)) return;
    const el = n as ReactElement<Record<string, unknown>>;
    found.push(el);
    walk(el.props.children as ReactNode);
  };
  walk(node);
  return found;
}

/** The text of an element's children (strings and numbers only). */
export function textOf(el: ReactElement<Record<string, unknown>>): string {
  const parts: string[] = [];
  const walk = (n: ReactNode) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n === 'string' || typeof n === 'number') parts.push(String(n));
    else if (n && typeof n === 'object' && 'props' in n)
      walk((n as ReactElement<{ children?: ReactNode }>).props.children);
  };
  walk(el.props.children as ReactNode);
  return parts.join('');
}
