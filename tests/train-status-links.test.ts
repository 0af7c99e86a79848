import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { TrainStatus } = await import('../src/ui/TrainPanel');
const { useTraining } = await import('../src/state/training');
type Status = ReturnType<typeof useTraining.getState>['status'];

const initial = useTraining.getState();
beforeEach(() => useTraining.setState(initial, true));

const result = trainSummary({ valAccuracy: 0.875, images: { train: 40, val: 8 } });
const render = (status: Status, withModel = true) => {
  useTraining.setState({ status, result: withModel ? result : null });
  return renderToStaticMarkup(createElement(TrainStatus));
};
/** the links the line shows, as [href, name] */
const links = (html: string) => [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

describe("a run's end leads on to Evaluate and Try it", () => {
  it('links Evaluate and Try it (the Deploy step) after the status line once a run is done', () => {
    const html = render('done');
    expect(links(html)).toEqual([
      ['#step-evaluate', 'Evaluate'],
      ['#step-deploy', 'Try it'],
    ]);
  });

  it('keeps the links out of the status region, whose words e2e tests and screen readers read alone', () => {
    const status = /<span[^>]*role="status"[^>]*>(.*?)<\/span>/.exec(render('done'))![1];
    // the run's classes are none of the empty project's: the line says so after the run's words, as
    // e2e/stale-results.spec.ts reads it (the links after it broke the "changed since" at its end)
    expect(status).toBe('Training finished: 87.5% of 8 validation images right · the images changed since');
  });

  it('shows no links before a run, while it runs, when it stops, or when a run made no model', () => {
    for (const status of ['idle', 'extracting', 'training', 'stopped', 'error'] as const)
      expect(links(render(status)), status).toEqual([]);
    expect(links(render('done', false))).toEqual([]);
  });
});
