import { describe, expect, it, vi } from 'vitest';
import { elements, textOf } from './a11y-tree';

// the large view is called as a function: its ref is this stand-in dialog, its effect does not run
const order: string[] = [];
const dialog = { open: true, close: vi.fn(() => order.push('dialog closed')), showModal: vi.fn() };
vi.mock('react', async (original) => ({
  ...(await original<typeof import('react')>()),
  useRef: () => ({ current: dialog }),
  useEffect: () => undefined,
}));
const { LargeImage } = await import('../src/ui/LargeImage');

const view = () =>
  elements(
    LargeImage({
      image: { id: 'i1', file: new File(['x'], 'a.png'), url: 'blob:a' },
      caption: 'cats · training',
      position: '1 of 3',
      onStep: () => undefined,
      onClose: () => order.push('onClose'),
    }),
  );

describe('the large image view closes its dialog before it goes', () => {
  // a modal dialog taken out of the page while open gives the focus back to nothing: the review
  // dialog under it lost the focus to the page's body
  it('Close', () => {
    order.length = 0;
    const close = view().find((e) => e.type === 'button' && textOf(e) === 'Close')!;
    (close.props.onClick as () => void)();
    expect(order).toEqual(['dialog closed', 'onClose']);
  });

  it('Escape', () => {
    order.length = 0;
    const root = view().find((e) => e.type === 'dialog')!;
    const preventDefault = vi.fn();
    (root.props.onCancel as (e: { preventDefault(): void }) => void)({ preventDefault });
    expect(order).toEqual(['dialog closed', 'onClose']);
  });
});
