/** a node of the page's tree, as much as the walk reads (an Element; plain objects in the tests) */
export interface TreeNode {
  parentElement: TreeNode | null;
  children: ArrayLike<TreeNode>;
}

/** The elements beside the path from `el` up to `top`: everything under `top` that neither holds `el` nor is inside it. */
export function besidePath(el: TreeNode, top: TreeNode): TreeNode[] {
  const beside: TreeNode[] = [];
  for (let node = el; node !== top && node.parentElement; node = node.parentElement)
    for (const sibling of Array.from(node.parentElement.children)) if (sibling !== node) beside.push(sibling);
  return beside;
}

/**
 * Makes the page outside `stage` inert while the demo shows (the full-window layout covers the page,
 * and Tab went on to the controls hidden behind it; nor does full screen keep the focus in), parts
 * added meanwhile too (an undo toast). Returns the undo: only what this made inert is made usable again.
 */
export function inertOutside(stage: HTMLElement): () => void {
  const made = new Set<HTMLElement>();
  const apply = () => {
    for (const el of besidePath(stage, document.body))
      if (el instanceof HTMLElement && !el.inert) {
        el.inert = true;
        made.add(el);
      }
  };
  apply();
  const observer = new MutationObserver(apply);
  for (let p = stage.parentElement; p && p !== document.documentElement; p = p.parentElement)
    observer.observe(p, { childList: true });
  return () => {
    observer.disconnect();
    for (const el of made) el.inert = false;
  };
}
