import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { Results } = await import('../src/ui/Results');

describe('the Evaluate step with no model yet', () => {
  it('sends the user to Deploy for the downloads (they are not in Evaluate)', () => {
    const html = renderToStaticMarkup(createElement(Results));
    expect(html).toContain('No run yet');
    expect(html).not.toMatch(/the downloads appear here/);
    expect(html).toContain('the downloads are in the <a href="#step-deploy">Deploy</a> step');
  });
});
