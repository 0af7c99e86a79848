import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { all, parse } from './a11y-html';
import type { TrainSummary } from '../src/worker/protocol';

// Picking another backbone with a trained model storage did not keep drops that model for good: its
// confirm looked like any other button beside Cancel, where the other answers that throw work away are red.

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useTraining } = await import('../src/state/training');
const { useUnkeptModelGuard } = await import('../src/ui/useUnkeptModelGuard');

/** the guard's dialog once a change is asked, as the page shows it */
function asked(): ReturnType<typeof parse> {
  let once = false;
  function Asking() {
    const { guard, dialog } = useUnkeptModelGuard();
    // asked while rendering (no DOM here to click in): React renders again with the dialog open
    if (!once) {
      once = true;
      guard({ title: 'Pick MobileNetV1?', confirm: 'Pick anyway', does: 'Picking it loads another backbone', go() {} });
    }
    return dialog;
  }
  return parse(renderToStaticMarkup(createElement(Asking)));
}

describe('the confirm that drops a model storage did not keep', () => {
  it('is styled as danger, Cancel the quiet one beside it', () => {
    useTraining.setState({ result: {} as TrainSummary, notKept: 'not kept for your next visit', resultStored: false });
    const [confirm, cancel] = all(asked(), (n) => n.tag === 'button');
    expect(confirm.text).toBe('Pick anyway');
    expect(confirm.attrs.class).toBe('danger');
    expect(cancel.attrs.class).toBe('ghost');
  });

  it('is not asked when the model is kept: the change goes ahead', () => {
    useTraining.setState({ result: {} as TrainSummary, notKept: null, resultStored: true });
    expect(all(asked(), (n) => n.tag === 'button')).toEqual([]);
  });
});
