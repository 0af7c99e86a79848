import { describe, expect, it } from 'vitest';
import { isBareClick, HOLD_CLICK_MS } from '../src/ui/webcam/bare-click';
import { cropSize } from '../src/ui/webcam/crop-size';

describe('Hold to record: which click records a burst', () => {
  it('a click with no press before it (screen reader browse mode, VoiceOver, voice control) records a burst', () => {
    expect(isBareClick(0, Infinity)).toBe(true);
    expect(isBareClick(0, HOLD_CLICK_MS + 1)).toBe(true);
  });

  it('the click that ends a mouse or touch press does not (it recorded while held)', () => {
    expect(isBareClick(1, Infinity)).toBe(false);
    expect(isBareClick(2, 50)).toBe(false);
  });

  it('a click a key or pointer press on the button just made does not either', () => {
    // Enter / Space activate a button with a detail-0 click where a browser lets it through
    expect(isBareClick(0, 0)).toBe(false);
    expect(isBareClick(0, HOLD_CLICK_MS - 1)).toBe(false);
  });
});

describe('the camera caption names the size frames are scaled to', () => {
  it("the model in use's input size, which is what grabbing for it uses", () => {
    expect(cropSize(160, 'mobilenet-v1-0.25')).toBe(160);
    expect(cropSize(192, undefined)).toBe(192);
  });

  it("before any model: the backbone's, else 224", () => {
    expect(cropSize(undefined, 'mobilenet-v1-0.25')).toBe(224);
    expect(cropSize(undefined, 'no-such-backbone')).toBe(224);
    expect(cropSize(undefined, undefined)).toBe(224);
  });
});
