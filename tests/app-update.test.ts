import { describe, expect, it } from 'vitest';
import { appUpdateContext, reloadIntoUpdate, updateReady, useAppUpdate } from '../src/state/app-update';

describe('a new version of the studio', () => {
  it('waits for the person, then for the end of a run and the autosave, before the page reloads into it', async () => {
    const order: string[] = [];
    let running = true;
    appUpdateContext.connect({
      running: () => running,
      settleWrites: async () => void order.push('saved'),
      unsaved: () => null,
    });
    expect(useAppUpdate.getState().ready).toBe(false);
    updateReady(async (reload) => void order.push(`activated, reload ${reload}`));
    expect(useAppUpdate.getState().ready).toBe(true);
    expect(order).toEqual([]);

    // mid-run a reload would leave an interrupted run: it says so and waits
    await reloadIntoUpdate();
    expect(order).toEqual([]);
    expect(useAppUpdate.getState().waiting).toMatch(/^A run is under way/);

    running = false;
    await reloadIntoUpdate();
    expect(order).toEqual(['saved', 'activated, reload true']);
    expect(useAppUpdate.getState()).toMatchObject({ reloading: true, waiting: null });
  });

  it('work a reload could lose holds it back, with the reason, unless the person reloads anyway', async () => {
    const order: string[] = [];
    appUpdateContext.connect({
      running: () => false,
      settleWrites: async () => void order.push('saved'),
      unsaved: () => 'Images are still being added: update once they are in',
    });
    updateReady(async () => void order.push('activated'));
    await reloadIntoUpdate();
    expect(order).toEqual(['saved']);
    expect(useAppUpdate.getState()).toMatchObject({
      reloading: false,
      risky: true,
      waiting: 'Images are still being added: update once they are in.',
    });
    await reloadIntoUpdate(true);
    expect(order).toEqual(['saved', 'saved', 'activated']);
  });

  it('an update that cannot start says why and can be tried again', async () => {
    appUpdateContext.connect({ running: () => false, settleWrites: async () => undefined, unsaved: () => null });
    updateReady(async () => {
      throw new Error('the new service worker went away');
    });
    await reloadIntoUpdate();
    expect(useAppUpdate.getState()).toMatchObject({
      reloading: false,
      waiting: 'The update could not start: the new service worker went away',
    });
  });
});
