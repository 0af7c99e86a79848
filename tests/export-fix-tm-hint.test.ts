import { afterEach, describe, expect, it } from 'vitest';
import { BACKBONES, registerBackbone, unregisterBackbone, type BackboneSpec } from '../src/core/backbones/registry';
import { modelCard } from '../src/core/export/model-card';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { exportOffer } from '../src/ui/export-offer';
import { fakeBackbone } from './helpers';

const stock = BACKBONES.find((b) => b.id === 'mobilenet-v2-0.35')!;
/** a brought layers backbone that takes pixels on [min, max] */
const brought = (min: number, max: number): BackboneSpec => ({
  ...stock,
  id: `custom-range-${min}-${max}`,
  name: `Brought ${min}..${max}`,
  pixelRange: { min, max },
});
const facts = { classCounts: [2, 2], valAccuracy: 1, perClass: [], trainableParams: 1, frozenParams: 0 };

describe("the Export panel's hint names Teachable Machine's library only where it predicts right", () => {
  const added: string[] = [];
  afterEach(() => added.splice(0).forEach(unregisterBackbone));
  const register = (spec: BackboneSpec) => {
    registerBackbone(spec);
    added.push(spec.id);
    return spec.id;
  };

  it('a stock layers backbone on −1…1: the hint says the library loads it', () => {
    expect(stock.pixelRange).toEqual({ min: -1, max: 1 });
    expect(exportOffer(stock.id).hint).toContain("loads in Teachable Machine's library");
  });

  it('a brought backbone on [0, 1] or [0, 255]: no Teachable Machine promise', () => {
    for (const [min, max] of [
      [0, 1],
      [0, 255],
    ]) {
      const { hint } = exportOffer(register(brought(min, max)));
      expect(hint).not.toContain('Teachable Machine');
      expect(hint).toContain('ONNX and TFLite are the same model');
    }
  });

  it('the model card agrees with the hint, backbone by backbone', () => {
    for (const spec of [stock, brought(0, 1), brought(-1, 1)]) {
      const bb = { ...fakeBackbone(), spec, featureModel: {} as never };
      const card = modelCard(bb, ['a', 'b'], DEFAULT_SETTINGS, facts);
      const hint = exportOffer(register({ ...spec, id: `custom-card-${spec.id}` })).hint;
      const cardSays =
        card.includes('@teachablemachine/image loads') && card.includes('The Teachable Machine library scales');
      expect(hint.includes('Teachable Machine')).toBe(cardSays);
    }
  });
});
