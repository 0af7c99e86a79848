import { describe, expect, it, vi } from 'vitest';
import { elements, textOf } from './a11y-tree';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
// the component is called as a function: its hooks answer from the stores at once, without React
// rendering it (zustand's own hooks need React's dispatcher: a store's hook reads its state instead)
vi.mock('zustand', async (original) => (await import('./hookless-zustand')).hooklessZustand(await original<object>()));
// its state lives across calls, in call order, as React keeps it across renders
const hooks = vi.hoisted(() => ({ cells: [] as unknown[], next: 0 }));
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useState: <T>(init: T) => {
    const k = hooks.next++;
    if (!(k in hooks.cells)) hooks.cells[k] = typeof init === 'function' ? (init as () => T)() : init;
    const set = (v: T | ((old: T) => T)) => {
      hooks.cells[k] = typeof v === 'function' ? (v as (old: T) => T)(hooks.cells[k] as T) : v;
    };
    return [hooks.cells[k] as T, set];
  },
  // nothing subscribes: the store is read afresh at each call (useStoreInTurn's first value)
  useEffect: () => undefined,
  // the tile's element, never drawn here
  useRef: <T>(init: T) => ({ current: init }),
}));
vi.mock('../src/ui/focus-after-removal', () => ({
  focusAfterRemoval: () => undefined,
  handingFocusOn: (_scope: string, _peers: string, _fallback: unknown, action: () => unknown) => () => action(),
}));

const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { ImageTile } = await import('../src/ui/ImageTile');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });

function render() {
  hooks.next = 0;
  const out = elements(ImageTile({ id: 'i1' }));
  return {
    select: out.find((e) => e.type === 'select')?.props as {
      value: string;
      onChange(e: { target: { value: string } }): void;
    },
    move: out.find((e) => e.props.className === 'tile-move-chosen'),
    moves: out.filter((e) => e.type === 'button' && String(e.props.className).split(' ')[0] === 'tile-move'),
  };
}

// past four classes a tile's other classes are in a select (four or fewer: a button each)
const many = (own: string) =>
  ['cats', 'dogs', 'birds', 'fish', 'mice'].map((name, i) => ({
    id: `c${i + 1}`,
    name,
    images: name === own ? [projectImage('i1', file('a.jpg'))] : [],
  }));

describe("a results tile's Move to", () => {
  it('moves nothing while a class is chosen (arrow keys on a closed select); its Move button moves it there', () => {
    useProject.setState({ classes: many('cats') } as never);
    const relabel = vi.fn();
    useInsight.setState({ changed: {}, relabel });

    // no Move until a class is chosen
    expect(render().move).toBeUndefined();
    // ↓ then ↓ again on the closed select: a change each time
    render().select.onChange({ target: { value: 'dogs' } });
    render().select.onChange({ target: { value: 'birds' } });
    expect(relabel).not.toHaveBeenCalled();

    const chosen = render();
    expect(chosen.select.value).toBe('birds');
    const move = chosen.move!;
    expect(move.props.disabled).toBe(false);
    expect(textOf(move)).toBe('Move');
    expect(move.props['aria-label']).toBe('Move a.jpg to birds');
    (move.props.onClick as (e: unknown) => void)({ currentTarget: { closest: () => null } });
    expect(relabel).toHaveBeenCalledTimes(1);
    expect(relabel).toHaveBeenCalledWith('i1', 'birds');

    // the choice is spent: the select reads "Move to…" again, and its Move goes
    const after = render();
    expect(after.select.value).toBe('');
    expect(after.move).toBeUndefined();
  });

  it('is disabled, with the reason, while a run uses the images (the project refuses the move)', () => {
    useProject.setState({ locked: 'Training is running', classes: many('cats') } as never);
    hooks.cells = [];
    render().select.onChange({ target: { value: 'dogs' } });
    const { move } = render();
    expect(move!.props.disabled).toBe(true);
    expect(move!.props.title).toBe('Training is running');
    // and so are the buttons of a few classes' tile
    useProject.setState({ classes: many('cats').slice(0, 3) } as never);
    hooks.cells = [];
    const few = render().moves;
    expect(few.map((b) => b.props.disabled)).toEqual([true, true]);
    expect(few[0].props.title).toBe('Training is running');
    useProject.setState({ locked: null });
    hooks.cells = [];
    expect(render().moves.map((b) => b.props.disabled)).toEqual([false, false]);
    useProject.setState({ classes: many('cats') } as never);
    hooks.cells = [];
    render().select.onChange({ target: { value: 'dogs' } });
    expect(render().move!.props.disabled).toBe(false);
  });

  it("with few classes, a class's button moves the image at one press", () => {
    useProject.setState({ locked: null, classes: many('cats').slice(0, 4) } as never);
    const relabel = vi.fn();
    useInsight.setState({ changed: {}, relabel });
    hooks.cells = [];
    const { moves, select } = render();
    expect(select).toBeUndefined();
    expect(moves.map(textOf)).toEqual(['Move to dogs', 'Move to birds', 'Move to fish']);
    (moves[1].props.onClick as (e: unknown) => void)({ currentTarget: { closest: () => null } });
    expect(relabel).toHaveBeenCalledWith('i1', 'birds');
  });

  it('names the class the image is in now: a second move undone back to the first move\'s class read "moved to" the one it left', () => {
    useProject.setState({
      classes: [
        { id: 'c1', name: 'cats', images: [] },
        { id: 'c2', name: 'dogs', images: [projectImage('i1', file('a.jpg'))] },
        { id: 'c3', name: 'birds', images: [] },
      ],
    } as never);
    // seen by the run in cats, moved to dogs, then to birds, that move undone: the mark kept its words
    useInsight.setState({ changed: { i1: { what: 'moved to birds', from: 'c1' } } });
    hooks.next = 0;
    const line = elements(ImageTile({ id: 'i1' })).find((e) => e.props.className === 'changed');
    expect(textOf(line!)).toBe('moved to dogs · train again to update the results');
  });
});
