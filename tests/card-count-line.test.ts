import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { countLine } = await import('../src/ui/webcam/RecordControls');

describe("a class card recorder's count line", () => {
  it('leaves the class to the recorder header that names it: short enough for one line on a phone', () => {
    const inCard = countLine(10, 'Class 1', { name: 'Class 1', count: 22 }, { headed: true });
    expect(inCard).toBe('10 frames recorded · 22 images');
    expect(inCard).not.toContain('Class 1');
    expect(countLine(1, 'cup', { name: 'cup', count: 1 }, { headed: true })).toBe('1 frame recorded · 1 image');
  });

  it('still says where frames went into another class', () => {
    expect(countLine(3, 'daisy', { name: 'rose', count: 15 }, { headed: true })).toBe(
      '3 frames recorded into daisy · 15 images',
    );
  });

  it("keeps the Deploy panel's line, which names the class", () => {
    expect(countLine(16, 'Class 1', { name: 'Class 1', count: 42 })).toBe('16 frames recorded · Class 1 has 42 images');
  });
});
