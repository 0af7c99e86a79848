import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** how long a frame's JPEG takes here: longer than a frame's turn, so a release leaves frames still being saved */
const ENCODE_MS = 150;

const { useWebcam } = await import('../src/state/webcam');
const { useProject, projectImage } = await import('../src/state/project');
const { createAnnouncer } = await import('../src/ui/announce');
const { captureSaid, countLine } = await import('../src/ui/webcam/CapturePanel');
const { cameraBusy, summaryLineStage } = await import('../src/ui/DataPanel');
const { SLOW, wait, webcamCaptureEachTest } = await import('./helpers-webcam-capture');
type WebcamState = import('../src/state/webcam').WebcamState;
type CameraMark = import('../src/ui/DataPanel').CameraMark;

/** false: the canvas gives no JPEG (toBlob hands back null) */
let encodes = true;

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const three = () => useProject.getState().classes.find((c) => c.id === 'c3')!;

/**
 * What a screen reader hears of a recording, render by render: the capture panel's
 * status (a role="status" read at each change of its words) and the Data step's summary line
 * (made live for the words useThrottledLive picks, as DataPanel does).
 */
function listen() {
  const heard: string[] = [];
  const summaryHeard: string[] = [];
  let status = '';
  const announcer = createAnnouncer();
  let mark: CameraMark = null;
  const hear = () => {
    const webcam = useWebcam.getState();
    const { classes } = useProject.getState();
    const into = classes.find((c) => c.id === webcam.recordedInto)?.name;
    const said = captureSaid(webcam, into);
    if (said !== status && said) heard.push(said);
    status = said;
    const total = classes.reduce((n, c) => n + c.images.length, 0);
    const summary = `${classes.length} classes, ${total} images`;
    const line = summaryLineStage({ summary, mark, busy: cameraBusy(webcam), adding: false, reading: false });
    mark = line.mark;
    const say = announcer.offer(line.stage, line.text, performance.now(), line.stage === 'idle');
    if (say) summaryHeard.push(say);
  };
  hear();
  // as React renders: the store changes of one task in one render (a frame's image and its count come together)
  let due = false;
  const render = () => {
    if (due) return;
    due = true;
    queueMicrotask(() => {
      due = false;
      hear();
    });
  };
  const off = [useWebcam.subscribe(render), useProject.subscribe(render)];
  return { heard, summaryHeard, stop: () => off.forEach((o) => o()) };
}

// the canvas encodes each frame ENCODE_MS after it is drawn (one canvas serves them all)
webcamCaptureEachTest({
  classes: () => [
    { id: 'c3', name: 'three', images: [projectImage('i1', file('a.png'))] },
    { id: 'c7', name: 'seven', images: [projectImage('i2', file('b.png'))] },
  ],
  toBlob: (done) => setTimeout(() => done(encodes ? new Blob([new Uint8Array([1, 2, 3])]) : null), ENCODE_MS),
});

describe('a recording is said once, after its last frame is saved, with the final count', () => {
  it('a hold: one status write naming every frame that reached the class; the Data summary stays quiet', async () => {
    const ears = listen();
    // the totals changed a moment ago, too soon after the last said to be said (useThrottledLive)
    void useProject.getState().addImages('c7', [file('c.png')], { pageMade: true });
    await wait(0);
    useWebcam.getState().startRecording();
    await vi.waitFor(() => expect(useWebcam.getState().recorded).toBeGreaterThanOrEqual(4), SLOW);
    useWebcam.getState().stopRecording();
    // frames drawn before the release are still being encoded: nothing is said yet
    expect(useWebcam.getState().saving).toBeGreaterThan(0);
    expect(ears.heard).toEqual([]);
    await vi.waitFor(() => expect(useWebcam.getState().saving).toBe(0), SLOW);
    await wait(ENCODE_MS * 2);
    ears.stop();
    const took = three().images.length - 1;
    expect(useWebcam.getState().recorded).toBe(took);
    expect(ears.heard).toEqual([`${took} frames recorded into three`]);
    expect(ears.summaryHeard).toEqual([]);
  });

  it('a timed recording: its countdown, its start and its count, each once; the Data summary stays quiet', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().setTimedDuration(1);
    const ears = listen();
    useWebcam.getState().startTimed();
    await vi.waitFor(() => expect(useWebcam.getState().timed).toBeNull(), SLOW);
    await vi.waitFor(() => expect(useWebcam.getState().saving).toBe(0), SLOW);
    await wait(ENCODE_MS * 2);
    ears.stop();
    const took = three().images.length - 1;
    expect(took).toBeGreaterThan(0);
    expect(ears.heard).toEqual(['Recording into three in 1 second', 'Recording', `${took} frames recorded into three`]);
    expect(ears.summaryHeard).toEqual([]);
  });

  it('after a recording, a change of another kind is said again (a deleted image)', async () => {
    const ears = listen();
    useWebcam.getState().recordBurst();
    await vi.waitFor(() => expect(useWebcam.getState().recording).toBe(false), SLOW);
    await vi.waitFor(() => expect(useWebcam.getState().saving).toBe(0), SLOW);
    expect(ears.summaryHeard).toEqual([]);
    useProject.getState().removeImages(['i2']);
    await wait(0);
    ears.stop();
    expect(ears.summaryHeard).toEqual([`2 classes, ${three().images.length} images`]);
  });

  it('a frame whose JPEG never comes (the browser gave no blob) does not hold the count back', async () => {
    const ears = listen();
    encodes = false;
    try {
      useWebcam.getState().startRecording();
      await wait(250);
      useWebcam.getState().stopRecording();
      expect(useWebcam.getState().saving).toBeGreaterThan(0);
      await vi.waitFor(() => expect(useWebcam.getState().saving).toBe(0), SLOW);
    } finally {
      encodes = true;
    }
    ears.stop();
    expect(three().images.length).toBe(1);
    // nothing came in: nothing to say
    expect(ears.heard).toEqual([]);
  });
});

describe('the capture count line', () => {
  it('names the class once, short enough for one line on a phone', () => {
    const line = countLine(16, 'Class 1', { name: 'Class 1', count: 42 });
    expect(line).toBe('16 frames recorded · Class 1 has 42 images');
    expect(line.match(/Class 1/g)).toHaveLength(1);
    expect(countLine(1, 'cup', { name: 'cup', count: 1 })).toBe('1 frame recorded · cup has 1 image');
    // nothing recorded yet this visit
    expect(countLine(0, undefined, { name: 'cup', count: 5 })).toBe('0 frames recorded · cup has 5 images');
  });

  it('says where the last frames went when another class is chosen since', () => {
    expect(countLine(3, 'daisy', { name: 'rose', count: 15 })).toBe(
      '3 frames recorded into daisy · rose has 15 images',
    );
    expect(countLine(3, 'daisy', undefined)).toBe('3 frames recorded into daisy');
  });

  it('the status is quiet while frames are still being saved', () => {
    const s = (over: Partial<WebcamState>) =>
      captureSaid({ recording: false, timed: null, recorded: 5, saving: 0, timedDelay: 3, ...over }, 'cup');
    expect(s({})).toBe('5 frames recorded into cup');
    expect(s({ saving: 1 })).toBe('');
    expect(s({ recording: true })).toBe('');
    expect(s({ recorded: 0 })).toBe('');
  });
});
