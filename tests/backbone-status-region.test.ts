import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { BackbonePicker, backboneStatusText } = await import('../src/ui/BackbonePicker');
const { useBackbone } = await import('../src/state/backbone');

const render = () => renderToStaticMarkup(createElement(BackbonePicker));
const loaded = { id: 'mobilenet-v1-0.25', source: 'local', paramCount: 218_544 } as const;

describe("the backbone picker's status region", () => {
  it('is on the page before anything loads, so what a load says later goes into a region already there', () => {
    expect(useBackbone.getState().status).toBe('idle');
    expect(render()).toContain('<div role="status"></div>');
  });

  // the server render reads the store's initial state only: the words are checked here
  it('its words: what loads, then what loaded (as the page showed them), and nothing of a failure (its alert says it)', () => {
    expect(backboneStatusText('error', 'mobilenet-v1-0.25', null)).toBe('');
    expect(backboneStatusText('idle', 'mobilenet-v1-0.25', null)).toBe('');
    expect(backboneStatusText('loading', 'mobilenet-v1-0.25', loaded)).toBe('Loading MobileNet v1 α0.25…');
    expect(backboneStatusText('ready', 'mobilenet-v1-0.25', { ...loaded, source: 'cache' })).toBe(
      'Loaded MobileNet v1 α0.25 from the offline cache (218,544 parameters).',
    );
  });
});
