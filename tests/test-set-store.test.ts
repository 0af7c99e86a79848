import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker } = await import('./fake-worker');
const { useTestSet, learntFrom } = await import('../src/state/test-set');
const { useModelInUse } = await import('../src/state/model-in-use');
const { connectStores } = await import('../src/state/coordinator');
const { useProject, projectImage } = await import('../src/state/project');
connectStores();

const model = {
  kind: 'trained' as const,
  labels: ['cats', 'dogs'],
  inputSize: 224,
  cropMode: 'center' as const,
  name: 'trained here',
};
const photo = (name: string) => new File([name], name, { type: 'image/jpeg' });
/** what the fake model answers for a photo: by the first word of its contents */
const answerFor = async (f: File) => {
  const text = await f.text();
  if (text.startsWith('broken')) throw new Error('the JPEG is truncated');
  return { classes: ['cats', 'dogs'], probabilities: text.startsWith('dog') ? [0.2, 0.8] : [0.7, 0.3] };
};

beforeEach(() => {
  resetWorker();
  useTestSet.getState().clear();
  useModelInUse.setState({ model });
  useProject.setState({ classes: [] });
});

describe('testing the model in use on a labelled folder', () => {
  it('runs every photo of the matching folders through the model and reports what it got right', async () => {
    const asked: string[] = [];
    worker.predict = (async (f: File) => (asked.push(f.name), answerFor(f))) as never;
    await useTestSet.getState().test({
      groups: new Map([
        ['cats', [photo('cat1'), photo('dog-looking-cat')]],
        ['Dogs', [photo('dog1')]],
        ['birds', [photo('bird1')]],
      ]),
      loose: [photo('stray')],
    });
    const { status, outcome } = useTestSet.getState();
    expect(status).toBe('done');
    expect(asked.sort()).toEqual(['cat1', 'dog-looking-cat', 'dog1']);
    expect(outcome!.report!.tested).toBe(3);
    expect(outcome!.report!.accuracy).toBeCloseTo(2 / 3);
    expect(outcome!.report!.misses.map((m) => m.item.name)).toEqual(['cats/dog-looking-cat']);
    expect(outcome!.notes.join(' ')).toMatch(/1 folder named after no class of the model \(birds\/, 1 file\)/);
    expect(outcome!.notes.join(' ')).toMatch(/Not tested: 1 image in no class folder/);
    // every answer, in the folder's order, for the CSV
    expect(outcome!.rows.map((r) => [r.name, r.label])).toEqual([
      ['cats/cat1', 0],
      ['cats/dog-looking-cat', 0],
      ['Dogs/dog1', 1],
    ]);
  });

  it('a photo the worker cannot read is named and left out of the figures, the rest are tested', async () => {
    worker.predict = answerFor as never;
    await useTestSet.getState().test({ groups: new Map([['cats', [photo('broken'), photo('cat')]]]) });
    const { outcome } = useTestSet.getState();
    expect(outcome!.report!.tested).toBe(1);
    expect(outcome!.unreadable).toEqual(['cats/broken: the JPEG is truncated']);
    expect(outcome!.notes.join(' ')).toMatch(/1 file could not be read and was not tested/);
  });

  it('no folder named after a class: every photo is classified without labels, loose ones too, and no accuracy is made up', async () => {
    worker.predict = answerFor as never;
    await useTestSet
      .getState()
      .test({ groups: new Map([['unsorted', [photo('dog-a'), photo('cat-b')]]]), loose: [photo('dog-c')] });
    const { outcome, status } = useTestSet.getState();
    expect(status).toBe('done');
    expect(outcome!.report).toBeNull();
    expect(outcome!.rows.map((r) => [r.name, r.label])).toEqual([
      ['dog-c', null],
      ['unsorted/dog-a', null],
      ['unsorted/cat-b', null],
    ]);
    expect(outcome!.notes.join(' ')).toMatch(
      /No folder is named after a class of the model \(its classes: cats, dogs; the folders: unsorted\/\), so the images were classified without labels/,
    );
  });

  it('nothing but an empty folder: nothing is asked and the message says so', async () => {
    worker.predict = vi.fn(answerFor) as never;
    await useTestSet.getState().test({ groups: new Map() });
    expect(worker.predict).not.toHaveBeenCalled();
    expect(useTestSet.getState()).toMatchObject({
      status: 'idle',
      outcome: null,
      error: 'What was dropped or chosen holds no images to test.',
    });
  });

  it('Stop keeps the figures of the photos tested so far, marked as stopped', async () => {
    let answered = 0;
    worker.predict = (async (f: File) => {
      if (++answered === 4) useTestSet.getState().stop();
      return answerFor(f);
    }) as never;
    const photos = Array.from({ length: 20 }, (_, i) => photo(`cat${i}`));
    await useTestSet.getState().test({ groups: new Map([['cats', photos]]) });
    const { outcome, status } = useTestSet.getState();
    expect(status).toBe('done');
    expect(outcome!.stopped).toBe(true);
    expect(outcome!.planned).toBe(20);
    // the photos already asked for when Stop came (three at a time) are answered, no more
    expect(outcome!.report!.tested).toBeGreaterThanOrEqual(4);
    expect(outcome!.report!.tested).toBeLessThan(8);
  });

  it('another model taking its place during a test ends it saying so, and its figures go when the model goes', async () => {
    let answered = 0;
    worker.predict = (async (f: File) => {
      if (++answered === 2) useModelInUse.setState({ model: { ...model, name: 'imported' } });
      return answerFor(f);
    }) as never;
    await useTestSet
      .getState()
      .test({ groups: new Map([['cats', Array.from({ length: 10 }, (_, i) => photo(`c${i}`))]]) });
    expect(useTestSet.getState()).toMatchObject({ status: 'idle', outcome: null });
    expect(useTestSet.getState().error).toMatch(/model in use changed while testing/);

    worker.predict = answerFor as never;
    await useTestSet.getState().test({ groups: new Map([['cats', [photo('c')]]]) });
    expect(useTestSet.getState().outcome).not.toBeNull();
    useModelInUse.setState({ model: { ...model, name: 'another' } });
    expect(useTestSet.getState().outcome).toBeNull();
  });

  it('without a model in use nothing is asked of the worker', async () => {
    useModelInUse.setState({ model: null });
    worker.predict = vi.fn(answerFor) as never;
    await useTestSet.getState().test({ groups: new Map([['cats', [photo('c')]]]) });
    expect(worker.predict).not.toHaveBeenCalled();
    expect(useTestSet.getState().error).toMatch(/No model to test/);
  });

  it('photos that are also images of the project are left out and named: the model may have trained on them', async () => {
    const asked: string[] = [];
    worker.predict = (async (f: File) => (asked.push(f.name), answerFor(f))) as never;
    // the same bytes under another name, as a copied folder has them
    useProject.setState({
      classes: [{ id: 'k', name: 'cats', images: [projectImage('i1', photo('cat-in-project'))] }],
    } as never);
    const copy = new File(['cat-in-project'], 'copy.jpg', { type: 'image/jpeg' });
    await useTestSet.getState().test({ groups: new Map([['cats', [copy, photo('new-cat')]]]) });
    expect(asked).toEqual(['new-cat']);
    const { outcome } = useTestSet.getState();
    expect(outcome!.report!.tested).toBe(1);
    expect(outcome!.notes.join(' ')).toMatch(/Left out 1 image that is also in the project.*: cats\/copy\.jpg/);
  });

  it('nothing could be tested: an error that says why, no 0% of 0', async () => {
    worker.predict = answerFor as never;
    await useTestSet.getState().test({ groups: new Map([['cats', [photo('broken-1'), photo('broken-2')]]]) });
    expect(useTestSet.getState()).toMatchObject({ status: 'idle', outcome: null });
    expect(useTestSet.getState().error).toBe(
      'None of the 2 images could be tested: cats/broken-1: the JPEG is truncated (and the others alike).',
    );
  });

  it('names each photo by the path given, so the CSV tells two files of one name apart', async () => {
    worker.predict = answerFor as never;
    const [a, b] = [photo('cat'), photo('cat')];
    await useTestSet.getState().test({
      groups: new Map([['cats', [a, b]]]),
      paths: new Map([
        [a, '2019/cats/cat'],
        [b, '2020/cats/cat'],
      ]),
    });
    expect(useTestSet.getState().outcome!.rows.map((r) => r.name)).toEqual(['2019/cats/cat', '2020/cats/cat']);
  });

  it('results of a model no longer in use go, and the panel says why', async () => {
    worker.predict = answerFor as never;
    await useTestSet.getState().test({ groups: new Map([['cats', [photo('c')]]]) });
    useModelInUse.setState({ model: { ...model, name: 'imported' } });
    expect(useTestSet.getState()).toMatchObject({ outcome: null });
    expect(useTestSet.getState().note).toBe(
      'The test results were those of the model before (trained here): test again for the one in use now.',
    );
  });

  it('a drop with nothing to test says so and leaves the results on show', async () => {
    worker.predict = answerFor as never;
    await useTestSet.getState().test({ groups: new Map([['cats', [photo('c')]]]) });
    const shown = useTestSet.getState().outcome;
    await useTestSet.getState().test({ groups: new Map() });
    expect(useTestSet.getState().outcome).toBe(shown);
    expect(useTestSet.getState().error).toMatch(/holds no images to test/);
  });

  it('Stop while the photos are checked against the project ends it at once: nothing is asked of the model', async () => {
    worker.predict = vi.fn(answerFor) as never;
    useProject.setState({ classes: [{ id: 'k', name: 'cats', images: [projectImage('i1', photo('p'))] }] } as never);
    const testing = useTestSet
      .getState()
      .test({ groups: new Map([['cats', Array.from({ length: 100 }, (_, i) => photo(`c${i}`))]]) });
    await vi.waitFor(() => expect(useTestSet.getState().status).toBe('checking'));
    useTestSet.getState().stop();
    await testing;
    expect(worker.predict).not.toHaveBeenCalled();
    expect(useTestSet.getState()).toMatchObject({ status: 'idle', outcome: null });
  });

  it('mistakes added to the project and tested again: left out, and the figure is said to flatter the model', async () => {
    worker.predict = answerFor as never;
    const wrong = photo('dog-looking-cat');
    await learntFrom([wrong]);
    useProject.setState({ classes: [{ id: 'k', name: 'cats', images: [projectImage('i1', wrong)] }] } as never);
    await useTestSet.getState().test({ groups: new Map([['cats', [wrong, photo('cat')]]]) });
    const { outcome } = useTestSet.getState();
    expect(outcome!.report!.tested).toBe(1);
    expect(outcome!.flattered).toBe(true);
    expect(outcome!.notes.join(' ')).toMatch(/1 of them was a mistake of an earlier test, added to the project/);
  });
});
