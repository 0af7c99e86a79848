import { describe, expect, it, vi } from 'vitest';
import { elements } from './a11y-tree';

// the component is called as a function: its one hook answers without React rendering it
vi.mock('react', async (original) => ({ ...(await original<typeof import('react')>()), useId: () => 'picker' }));
const { FilePicker } = await import('../src/ui/FilePicker');

const inputOf = (props: Parameters<typeof FilePicker>[0]) =>
  elements(FilePicker(props)).find((e) => e.type === 'input')!.props as {
    onClick(e: { preventDefault(): void }): void;
    onChange(e: { target: { files: File[] | null; value: string } }): void;
  };

describe('a waiting file picker ignores presses and picks, as a waiting button does', () => {
  it('a press does not open the chooser nor the folder picker', () => {
    const onOpen = vi.fn(() => false);
    const input = inputOf({ children: 'Pick', ariaLabel: 'a file', waiting: true, onFiles: () => undefined, onOpen });
    const preventDefault = vi.fn();
    input.onClick({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('files set meanwhile are not taken', () => {
    const onFiles = vi.fn();
    const input = inputOf({ children: 'Pick', ariaLabel: 'a file', waiting: true, onFiles });
    input.onChange({ target: { files: [new File(['x'], 'a.zip')], value: 'a.zip' } });
    expect(onFiles).not.toHaveBeenCalled();
  });

  it('once the wait is over it opens and takes files again', () => {
    const onFiles = vi.fn();
    const input = inputOf({ children: 'Pick', ariaLabel: 'a file', waiting: false, onFiles });
    const preventDefault = vi.fn();
    input.onClick({ preventDefault });
    expect(preventDefault).not.toHaveBeenCalled();
    const target = { files: [new File(['x'], 'a.zip')], value: 'a.zip' };
    input.onChange({ target });
    expect(onFiles).toHaveBeenCalledWith(target.files);
    expect(target.value).toBe('');
  });
});
