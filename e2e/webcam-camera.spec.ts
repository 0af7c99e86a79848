import { expect, test, type Locator, type Page } from '@playwright/test';
import { classImages, LONG_TEST_MS, SLOW_STEP_MS, studioReady, TRAIN_MS } from './fixtures';
import { trainToEnd } from './train-small';
import {
  framesRecorded,
  holdUntil,
  imagesInClass,
  threeForCameraSevenFromFiles,
  watchCameraTracks,
} from './webcam-steps';
import { HOLD_CLICK_MS } from '../src/ui/webcam/bare-click';

// Runs in the "fake-camera" project: Chromium's camera shows a sign-language digit_3 photo
// (e2e/global-setup.ts turns it into a y4m), letterboxed into a 640×480 frame.

/** Waits until `count` stops moving (the last JPEG of a recording may still encode just after it stops). */
async function settles(page: Page, count: () => Promise<number>): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = await count();
        await page.waitForTimeout(500);
        return (await count()) === before;
      },
      { timeout: SLOW_STEP_MS },
    )
    .toBe(true);
}

test('webcam: record camera frames into a class, train, and the live prediction names the photo’s class', async ({
  page,
}, testInfo) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');

  // "three" gets its images from the camera, "seven" from files.
  await threeForCameraSevenFromFiles(page, 12);

  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  // each class card leads to the camera set to record into it (Teachable Machine's Webcam button)
  await page.getByRole('link', { name: 'use the camera (record into seven)' }).click();
  await expect(webcam.getByRole('heading', { name: 'Webcam', exact: true })).toBeInViewport();
  await expect(
    page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /^5 Deploy:/ }),
  ).toHaveAttribute('aria-current', 'step');
  // from the keyboard: the focus stays on the button while the camera starts, and it is Stop camera
  // after (a disabled "Starting camera…" dropped the focus to the page)
  await webcam.getByRole('button', { name: 'Start camera' }).focus();
  await page.keyboard.press('Enter');
  await expect(webcam.getByRole('button', { name: 'Stop camera' })).toBeFocused({ timeout: SLOW_STEP_MS });
  await expect(webcam.getByLabel('Record into').locator('option:checked')).toHaveText('seven');
  await expect(webcam.getByLabel('Camera resolution')).toHaveText('640 × 480');
  // the picker lists the camera by its label once permission is granted
  await expect(webcam.getByLabel('Camera', { exact: true }).locator('option')).toHaveCount(2);
  // another camera chosen from the keyboard ("Default camera") restarts it, and the select keeps the
  // focus meanwhile; running, it names the camera the default turned out to be (the only one here)
  const camera = webcam.getByLabel('Camera', { exact: true });
  await camera.focus();
  await page.keyboard.press('ArrowUp');
  await expect(camera).toBeFocused();
  await expect(webcam.getByRole('button', { name: 'Stop camera' })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(webcam.getByLabel('Camera resolution')).toHaveText('640 × 480', { timeout: SLOW_STEP_MS });
  await expect(camera.locator('option:checked')).toHaveText(/fake-camera/);
  await expect(camera).toBeFocused();
  // the model's crop (centre square of 640×480) is drawn over the video
  await expect(webcam.getByTestId('crop-overlay')).toHaveAttribute('data-crop', '80,0,480,480');
  // the record button right under the picture: both on screen, to watch the one while holding the other
  await expect(webcam.getByTestId('camera-video')).toBeInViewport({ ratio: 0.9 });
  await expect(webcam.getByRole('button', { name: /^Hold to record into / })).toBeInViewport({ ratio: 1 });

  // Hold the button with the mouse until a few frames have landed in "three" (a slow machine
  // records fewer a second: the test waits for the count, not for a time).
  await webcam.getByLabel('Record into').selectOption({ label: 'three' });
  const hold = webcam.getByRole('button', { name: 'Hold to record into three' });
  const { count, recorded } = framesRecorded(webcam);
  await holdUntil(page, hold, recorded, 6);
  // the class named once (twice, the line wrapped onto two on a phone)
  await expect(count).toHaveText(/^\d+ frames recorded · three has \d+ images$/);
  // released, it stops: the count settles (the last JPEG may still encode just after release)
  await settles(page, recorded);
  const byMouse = await recorded();
  // the count is not a live region while it runs (10 changes a second); the total is said once, at the end
  await expect(count).toHaveAttribute('aria-live', 'off');
  // (the count itself is an <output>, a status too, but silenced)
  await expect(
    webcam.getByRole('status').filter({ hasText: new RegExp(`^${byMouse} frames recorded into three$`) }),
  ).toHaveCount(1);
  // what it took shows under the count, newest first (on a phone the class's card is screens away)
  const justRecorded = webcam.getByRole('list', { name: 'Frames just recorded into three, newest first' });
  await expect(justRecorded.getByRole('img', { name: /^Frame \d+ of \d+$/ })).toHaveCount(Math.min(byMouse, 8));
  await expect(justRecorded.getByRole('img').first()).toHaveAccessibleName(`Frame ${byMouse} of ${byMouse}`);
  // ...and leads to the class's card, its Review button next for the keyboard
  await webcam.getByRole('link', { name: 'See all in three' }).click();
  await expect(page.getByRole('region', { name: 'Class three' })).toBeInViewport();
  await expect(page.getByRole('button', { name: `Review all ${byMouse} images of three` })).toBeFocused();
  // ...then hold Space while the button has focus, until 3 more have landed in the class (the
  // "frames recorded" line counts one hold; the class counts them all).
  const inClass = imagesInClass(page, 'three');
  await expect.poll(inClass, { timeout: SLOW_STEP_MS }).toBe(byMouse);
  await hold.focus();
  await page.keyboard.down(' ');
  await expect.poll(inClass, { timeout: SLOW_STEP_MS }).toBeGreaterThanOrEqual(byMouse + 3);
  await page.keyboard.up(' ');
  await settles(page, inClass);
  const byKey = (await inClass()) - byMouse;
  expect(byKey).toBeGreaterThanOrEqual(3);
  await expect(count).toContainText(`${byKey} frames recorded · three has`);
  // a click with nothing held (a screen reader's browse mode, voice control: detail 0, no pointer or
  // key before it) records a 1-second burst that stops by itself
  await expect(hold).toHaveAccessibleDescription(/click with nothing held .* records 1 second/);
  // a click within HOLD_CLICK_MS of the key's release is that key's own (src/ui/webcam/bare-click.ts)
  await page.waitForTimeout(HOLD_CLICK_MS + 200);
  await hold.dispatchEvent('click');
  await expect.poll(inClass, { timeout: SLOW_STEP_MS }).toBeGreaterThan(byMouse + byKey);
  await expect(webcam.getByText('● REC')).toHaveCount(0, { timeout: SLOW_STEP_MS });
  await settles(page, inClass);
  const byClick = (await inClass()) - byMouse - byKey;
  expect(byClick).toBeLessThanOrEqual(11);
  await expect(count).toContainText(`${byClick} frames recorded · three has`);
  // a hold cut by the tab going out of sight stops, says so, and does not start again on return
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await hold.focus();
  await page.keyboard.down(' ');
  await expect(webcam.getByText('● REC')).toBeVisible();
  await setHidden(true);
  await expect(webcam.getByText('● REC')).toHaveCount(0);
  await expect(webcam.getByTestId('capture-note')).toHaveText(/Recording stopped when the tab was hidden/);
  await page.keyboard.up(' ');
  await setHidden(false);
  await page.waitForTimeout(300);
  await expect(webcam.getByText('● REC')).toHaveCount(0);
  await settles(page, inClass);
  const byHidden = (await inClass()) - byMouse - byKey - byClick;
  // Captured frames are ordinary images of the class, with thumbnails.
  const total = byMouse + byKey + byClick + byHidden;
  await expect(page.getByLabel(`${total} images in three`)).toBeVisible();
  await expect(
    page.getByRole('grid', { name: 'Images in three' }).getByRole('img', { name: /^webcam-\d{8}-\d{6}-\d+\.jpg$/ }),
  ).toHaveCount(Math.min(total, 24), { timeout: SLOW_STEP_MS });
  // ...and every one of them is in the class's review grid, where it can be opened, moved or deleted
  await page.getByRole('button', { name: `Review all ${total} images of three` }).click();
  const review = page.getByRole('dialog', { name: /^three: / });
  await expect(
    review
      .getByRole('listbox', { name: 'Images of three' })
      .getByRole('option', { name: /^webcam-\d{8}-\d{6}-\d+\.jpg$/ }),
  ).toHaveCount(total);
  await review.getByRole('button', { name: 'Close' }).click();
  await expect(review).toHaveCount(0);
  await expect(webcam.getByText('Train a model (step 3) to see live predictions here', { exact: false })).toBeVisible();

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('15');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });

  // Live: the camera photo is a "three".
  const label = webcam.getByTestId('live-label');
  // the first live answer waits on the model's load in the worker
  await expect(label).toContainText('three', { timeout: SLOW_STEP_MS });
  await expect(webcam.getByRole('list', { name: 'Live class probabilities' }).getByRole('listitem')).toHaveCount(2);
  await expect(
    webcam.getByRole('list', { name: 'Live class probabilities' }).getByRole('listitem').first(),
  ).toContainText('three');

  // on a laptop's screen together: the picture, the answer with its bars right under it (as Teachable
  // Machine's are under its preview) and what records into a class
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(webcam.getByTestId('camera-video')).toBeInViewport({ ratio: 0.9 });
  await expect(label).toBeInViewport({ ratio: 1 });
  await expect(webcam.getByRole('list', { name: 'Live class probabilities' })).toBeInViewport({ ratio: 1 });
  await expect(webcam.getByRole('button', { name: 'Hold to record into three' })).toBeInViewport({ ratio: 1 });

  // Below the "unknown" threshold no class is claimed; lowering it brings the class back. The
  // settings are folded under the answer; the threshold is the default for the model's 2 classes.
  await webcam.getByText('Prediction settings').click();
  await expect(webcam.getByRole('slider', { name: 'Unknown below 75%' })).toBeVisible();
  await expect(webcam.getByText('(default for 2 classes, halfway from a guess (50%) to sure)')).toBeVisible();
  const threshold = webcam.getByRole('slider', { name: /Unknown below/ });
  await threshold.fill('1');
  await expect(label).toHaveText('Unknown', { timeout: SLOW_STEP_MS });
  await threshold.fill('0.3');
  await expect(label).toContainText('three', { timeout: SLOW_STEP_MS });
  // the user's own value: no default said, and the way back to it offered
  await expect(webcam.getByText('(default for 2 classes', { exact: false })).toHaveCount(0);
  await expect(webcam.getByRole('button', { name: 'Use the default (75%)' })).toBeVisible();

  // Frames per second against the model's raw forward rate (same backend, same page).
  const stats = webcam.getByTestId('live-stats');
  // a few frames classified, however long that takes here (at load 22 it was 0.56 frames/s)
  await expect
    .poll(async () => Number(await stats.getAttribute('data-frames')), { timeout: TRAIN_MS })
    .toBeGreaterThanOrEqual(5);
  // a rate once measured (the first answer has none yet: "frames/s: measuring"), waited for rather than
  // read once; the figure kept is the one the wait saw (a slow machine's 2 s window can drop to 0 again)
  let fps = 0;
  await expect
    .poll(async () => (fps = Number(await stats.getAttribute('data-fps'))), { timeout: SLOW_STEP_MS })
    .toBeGreaterThan(0);
  await expect(stats).toContainText(/\d+\.\d frames\/s/, { timeout: SLOW_STEP_MS });
  // in view, how often it answers in words; the timings folded under Details
  await expect(webcam.getByTestId('live-rate')).toHaveText(
    /^Live: (\d+ answers a second|about one answer a second|one answer every \d+ seconds|measuring how often it answers…)$/,
  );
  await expect(stats).toBeHidden();
  const modelMs = Number(await stats.getAttribute('data-model-ms'));
  const frameMs = Number(await stats.getAttribute('data-frame-ms'));
  const backend = await page.getByTestId('active-backend').innerText();
  const bench = { backend, fps, modelMs, rawRate: 1000 / modelMs, frameMs, ratio: fps / (1000 / modelMs) };
  console.log(`live webcam benchmark: ${JSON.stringify(bench)}`);
  await testInfo.attach('live-benchmark.json', {
    body: JSON.stringify(bench, null, 2),
    contentType: 'application/json',
  });
  // the rate itself is the benchmark's figure (at load 22 it fell to 0.56/s here): the test asks that it is measured
  expect(fps).toBeGreaterThan(0);
  expect(modelMs).toBeGreaterThan(0);

  // Pause freezes: no more classifications until Resume.
  await webcam.getByRole('button', { name: 'Pause' }).click();
  await expect(webcam.getByText('Paused: the image is frozen')).toBeVisible();
  const frozen = await stats.getAttribute('data-frames');
  await page.waitForTimeout(500);
  expect(await stats.getAttribute('data-frames')).toBe(frozen);
  await expect(webcam.getByRole('button', { name: 'Hold to record into three' })).toBeDisabled();
  await webcam.getByRole('button', { name: 'Resume' }).click();
  // classification goes on (the live counter may start again from zero on Resume, so compare
  // with what it shows after Resume, however slowly frames come here)
  const frames = async () => Number(await stats.getAttribute('data-frames'));
  await expect.poll(frames, { timeout: SLOW_STEP_MS }).not.toBe(Number(frozen));
  const resumed = await frames();
  await expect.poll(frames, { timeout: SLOW_STEP_MS }).toBeGreaterThan(resumed);

  // Mirror is a view-only toggle.
  const frame = webcam.locator('.camera-frame');
  await expect(frame).toHaveClass(/mirrored/);
  await webcam.getByLabel('Mirror view').uncheck();
  await expect(frame).not.toHaveClass(/mirrored/);

  // Demo mode fills the screen (Fullscreen API, or the fixed full-window fallback) and exits.
  await webcam.getByRole('button', { name: 'Demo mode (full screen)' }).click();
  await expect(webcam.getByRole('button', { name: 'Exit demo mode' })).toBeVisible();
  await expect(webcam.getByTestId('live-stage')).toHaveClass(/demo/);
  await expect(label).toContainText('three', { timeout: SLOW_STEP_MS });
  await webcam.getByRole('button', { name: 'Exit demo mode' }).click();
  await expect(webcam.getByRole('button', { name: 'Demo mode (full screen)' })).toBeVisible();
  // the camera gone while in demo mode (unplugged: the stage covers the Stop button, so it is pressed
  // from under it): started again, it opens in the panel, not in the demo
  // (the browser refuses full screen here, as in an iframe without allowfullscreen: the full-window layout)
  await page.evaluate(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new Error('refused'));
  });
  await webcam.getByRole('button', { name: 'Demo mode (full screen)' }).click();
  await expect(webcam.getByTestId('live-stage')).toHaveClass(/demo-fallback/);
  await webcam.getByRole('button', { name: 'Stop camera' }).dispatchEvent('click');
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(webcam.getByTestId('live-stage')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(webcam.getByTestId('live-stage')).not.toHaveClass(/demo/);
  await expect(label).toContainText('three', { timeout: SLOW_STEP_MS });

  // a run pauses the live answer: its last one goes rather than stand beside the pause as if live
  await page.getByLabel('Epochs').fill('400');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(webcam.getByText('Live predictions pause while a model trains.')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(label).toHaveCount(0);
  // (a busy machine's early stopping may end the run first: Stop is then disabled)
  const stopRun = page.getByRole('button', { name: 'Stop', exact: true });
  if (await stopRun.isEnabled()) await stopRun.click({ timeout: 10_000 }).catch(() => undefined);
  await expect(page.getByText(/Training (stopped|finished)/)).toBeVisible({ timeout: TRAIN_MS });
  // ...and comes back once it ends. Which class it names is the stopped run's model's say: a Stop that
  // lands in a busy machine's first epoch keeps a model of one epoch, at chance here ("seven (50%)" in
  // CI at load), with the model it replaced offered back
  // (its confidence is on its bar and over the picture: not a third time beside the name)
  await expect(label).toHaveText(/^(three|seven)$/, { timeout: SLOW_STEP_MS });
  await expect(webcam.getByTestId('live-badge')).toHaveText(/^(three|seven) \d+\.\d%$/);

  // the camera gone by itself (unplugged) under a keyboard user's focus on Pause: the focus goes to
  // Retry (it fell to the page with the live controls), and Retry starts it again
  await webcam.getByRole('button', { name: 'Pause' }).focus();
  await page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="live-stage"] video')!;
    (video.srcObject as MediaStream).getVideoTracks()[0].dispatchEvent(new Event('ended'));
  });
  await expect(webcam.getByRole('button', { name: 'Retry' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(webcam.getByRole('button', { name: 'Stop camera' })).toBeFocused({ timeout: SLOW_STEP_MS });

  await webcam.getByRole('button', { name: 'Stop camera' }).click();
  await expect(webcam.getByRole('button', { name: 'Start camera' })).toBeVisible();
});

test('webcam: a timed recording counts down, records by itself and stops by itself', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('textbox', { name: 'Class name' }).first().fill('three');
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(webcam.getByLabel('Camera resolution')).toHaveText('640 × 480', { timeout: SLOW_STEP_MS });
  const inClass = imagesInClass(page, 'three');
  const before = await inClass();
  const { recorded } = framesRecorded(webcam);

  // the seconds are folded under the line that says them, the Start button in view; the line is the
  // one control (no disclosure triangle beside its "Change"), and says Done while open
  const timing = webcam.locator('summary', { hasText: /^Starts after/ });
  await expect(timing).toHaveText(/^Starts after 3 s, records for 5 s · Change$/);
  expect(await timing.evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none');
  await expect(webcam.getByLabel('Countdown (s)')).toBeHidden();
  await timing.click();
  await expect(timing).toHaveText(/^Starts after 3 s, records for 5 s · Done$/);
  await timing.press('Enter');
  await expect(timing).toHaveText(/· Change$/);
  await expect(webcam.getByLabel('Countdown (s)')).toBeHidden();
  await timing.click();
  await webcam.getByLabel('Countdown (s)').fill('1');
  await webcam.getByLabel('Record for (s)').fill('2');
  // from the keyboard: the one button starts it, then says the countdown, keeping the focus
  const timed = webcam.getByRole('button', { name: 'Start timed recording into three' });
  await timed.focus();
  await page.keyboard.press('Enter');
  const running = webcam.getByRole('button', { name: /^(Cancel countdown|Stop recording)$/ });
  await expect(running).toBeFocused();
  await expect(webcam.getByTestId('timed-overlay')).toBeVisible();
  // it records with no hand on anything, and stops by itself (a slow machine records fewer frames a
  // second: the test waits for the states, not for a number of frames)
  await expect.poll(recorded, { timeout: SLOW_STEP_MS }).toBeGreaterThan(0);
  await expect(webcam.getByRole('button', { name: 'Start timed recording into three' })).toBeFocused({
    timeout: SLOW_STEP_MS,
  });
  await expect(webcam.getByTestId('timed-overlay')).toHaveCount(0);
  await expect(webcam.getByText('● REC')).toHaveCount(0);
  await settles(page, inClass);
  const took = await recorded();
  expect(took).toBeGreaterThan(0);
  expect(await inClass()).toBe(before + took);
  await expect(
    webcam.getByRole('status').filter({ hasText: new RegExp(`^${took} frames? recorded into three$`) }),
  ).toHaveCount(1);
  // the choices are this device's: they are there on the next visit
  await page.reload();
  await studioReady(page);
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(timing).toHaveText(/^Starts after 1 s, records for 2 s/, { timeout: SLOW_STEP_MS });
  await timing.click();
  await expect(webcam.getByLabel('Record for (s)')).toHaveValue('2');
  await expect(webcam.getByLabel('Countdown (s)')).toHaveValue('1');
});

/**
 * Starts noting what the page's live regions say (a screen reader reads a region at each change of its
 * words while it is live: role status or alert, or aria-live other than "off", as useThrottledLive
 * switches it for the words to be said). Returns what was said since, inside the workspace.
 */
async function listenToLiveRegions(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen = new WeakMap<Element, string>();
    const said: string[] = [];
    const isLive = (el: Element) => {
      const live = el.getAttribute('aria-live');
      return live !== null ? live !== 'off' : ['status', 'alert', 'log'].includes(el.getAttribute('role') ?? '');
    };
    const regions = () =>
      document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"], output');
    const note = () => {
      for (const el of regions()) {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (seen.get(el) === text) continue;
        seen.set(el, text);
        // a region inside a live one speaks with it; only what the workspace says (not the header's saving)
        const outer = el.parentElement?.closest('[aria-live], [role="status"], [role="alert"], [role="log"], output');
        if (text && isLive(el) && !(outer && isLive(outer)) && el.closest('main')) said.push(text);
      }
    };
    for (const el of regions()) seen.set(el, (el.textContent ?? '').replace(/\s+/g, ' ').trim());
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-live'],
    });
    (window as unknown as { saidSince: string[] }).saidSince = said;
  });
  return () => page.evaluate(() => [...(window as unknown as { saidSince: string[] }).saidSince]);
}

test('webcam: a class card leads the keyboard to what records into it; a hold and a timed recording are each said once, with their final count', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await threeForCameraSevenFromFiles(page, 4);
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el === document.body || !el ? 'body' : `${el.tagName.toLowerCase()}: ${el.textContent}`;
    });
  /** the top of the Webcam heading, and the bottom of the sticky header and step bar over the page */
  const headingClear = async () => {
    const steps = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!;
    const heading = (await webcam.getByRole('heading', { name: 'Webcam', exact: true }).boundingBox())!;
    return heading.y >= steps.y + steps.height - 1;
  };

  // from the keyboard, "use the camera" on a card: the heading comes into view clear of the sticky
  // header, and the focus (it fell to the page) goes to Start camera, Record into set to the class
  await page.getByRole('link', { name: 'use the camera (record into seven)' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(active).toBe('button: Start camera');
  await expect(webcam.getByRole('heading', { name: 'Webcam', exact: true })).toBeInViewport();
  expect(await headingClear()).toBe(true);
  await page.keyboard.press('Enter');
  await expect(webcam.getByRole('button', { name: 'Stop camera' })).toBeFocused({ timeout: SLOW_STEP_MS });
  await expect(webcam.getByLabel('Camera resolution')).toHaveText('640 × 480', { timeout: SLOW_STEP_MS });
  await expect(webcam.getByLabel('Record into').locator('option:checked')).toHaveText('seven');
  // with the camera running, another card's link goes to Hold to record, now into its class
  await page.getByRole('link', { name: 'use the camera (record into three)' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(active).toBe('button: Hold to record into three');
  await expect(webcam.getByLabel('Record into').locator('option:checked')).toHaveText('three');
  await expect(webcam.getByRole('button', { name: 'Hold to record into three' })).toBeInViewport({ ratio: 1 });

  const inClass = imagesInClass(page, 'three');
  // a slower machine's JPEGs (a phone's, a busy laptop's): the last frames are still being saved after the release
  await page.evaluate(() => {
    const toBlob = HTMLCanvasElement.prototype.toBlob;
    HTMLCanvasElement.prototype.toBlob = function (done, ...rest) {
      toBlob.call(this, (blob) => setTimeout(() => done(blob), 250), ...rest);
    };
  });
  // Space held 1.2 s: nothing said while it records or saves its last frames, then the count once, whole;
  // the Data step's totals, which it moved, are not said as well
  let said = await listenToLiveRegions(page);
  await page.keyboard.down(' ');
  await page.waitForTimeout(1200);
  await page.keyboard.up(' ');
  await settles(page, inClass);
  await page.waitForTimeout(1000);
  const byHold = await inClass();
  expect(byHold).toBeGreaterThan(0);
  expect(await said()).toEqual([`${byHold} frames recorded into three`]);
  await expect(webcam.getByLabel('Frames recorded')).toHaveText(
    `${byHold} frames recorded · three has ${byHold} images`,
  );

  // the timed recording: its countdown, its start and its count, each once
  await webcam.locator('summary', { hasText: /^Starts after/ }).click();
  await webcam.getByLabel('Countdown (s)').fill('1');
  await webcam.getByLabel('Record for (s)').fill('2');
  const timed = webcam.getByRole('button', { name: 'Start timed recording into three' });
  await timed.focus();
  said = await listenToLiveRegions(page);
  await page.keyboard.press('Enter');
  await expect(timed).toBeFocused({ timeout: SLOW_STEP_MS });
  await settles(page, inClass);
  await page.waitForTimeout(1000);
  const byTimer = (await inClass()) - byHold;
  expect(byTimer).toBeGreaterThan(0);
  expect(await said()).toEqual([
    'Recording into three in 1 second',
    'Recording',
    `${byTimer} frames recorded into three`,
  ]);
  // (the Data step's totals are heard again once the images change another way)
  said = await listenToLiveRegions(page);
  await page
    .getByLabel('Add images to seven')
    .setInputFiles(classImages('sign-language-digits', 'digit_7').slice(4, 5));
  await expect.poll(said, { timeout: SLOW_STEP_MS }).toContain(`2 classes, ${byHold + byTimer + 5} images`);
});

test('records into a class from its card', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  const liveTracks = await watchCameraTracks(page);
  await studioReady(page, '/');
  await threeForCameraSevenFromFiles(page, 4);
  const three = page.getByRole('region', { name: 'Class three' });
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  const images = imagesInClass(page, 'three');

  // Teachable Machine's Webcam button on the class card: the recorder opens in the card, the camera
  // starts, and the focus goes in, onto Hold to record once the camera runs
  const open = three.getByRole('button', { name: 'Record from camera into three' });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const recorder = three.getByRole('group', { name: 'Camera recorder for three' });
  const hold = recorder.getByRole('button', { name: 'Hold to record into three' });
  await expect(hold).toBeFocused({ timeout: SLOW_STEP_MS });
  await expect(recorder.getByTestId('camera-video')).toBeInViewport({ ratio: 0.5 });
  await expect(hold).toBeInViewport({ ratio: 1 });
  // the Deploy step's live stage steps aside meanwhile (one picture to take frames from), and says where the camera is
  await expect(webcam.getByTestId('live-stage')).toHaveCount(0);
  await expect(webcam.getByTestId('recorder-elsewhere')).toContainText('recording into three');

  // held with the mouse until the class has grown (not for a fixed time: a slow machine records fewer)
  await holdUntil(page, hold, images, 3);
  await expect(recorder.getByLabel('Frames recorded')).toHaveText(/^\d+ frames recorded · three has \d+ images$/);
  // held with Space from the keyboard: more of them, into the same class, none into the other
  await hold.focus();
  const byMouse = await images();
  await page.keyboard.down(' ');
  await expect.poll(images, { timeout: SLOW_STEP_MS }).toBeGreaterThanOrEqual(byMouse + 3);
  await page.keyboard.up(' ');
  await expect(page.getByLabel('4 images in seven')).toBeVisible();

  // Escape closes it: the recorder goes, the camera it started is released, the focus is back on the button
  await page.keyboard.press('Escape');
  await expect(recorder).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(liveTracks).toBe(0);
  await expect(webcam.getByRole('button', { name: 'Start camera' })).toBeVisible();
  await expect(webcam.getByTestId('recorder-elsewhere')).toHaveCount(0);

  // with the Deploy step's camera running, a card's recorder shares it, one recorder at a time, and
  // Done hands it back running (the live stage returns)
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(webcam.getByTestId('camera-video')).toBeVisible({ timeout: SLOW_STEP_MS });
  await open.click();
  await expect(hold).toBeFocused({ timeout: SLOW_STEP_MS });
  const seven = page.getByRole('region', { name: 'Class seven' });
  await seven.getByRole('button', { name: 'Record from camera into seven' }).click();
  await expect(recorder).toHaveCount(0);
  const sevenRecorder = seven.getByRole('group', { name: 'Camera recorder for seven' });
  await expect(sevenRecorder.getByRole('button', { name: 'Hold to record into seven' })).toBeFocused({
    timeout: SLOW_STEP_MS,
  });
  await sevenRecorder.getByRole('button', { name: 'Done recording into seven' }).click();
  await expect(sevenRecorder).toHaveCount(0);
  await expect(seven.getByRole('button', { name: 'Record from camera into seven' })).toBeFocused();
  await expect(webcam.getByRole('button', { name: 'Stop camera' })).toBeVisible();
  await expect(webcam.getByTestId('camera-video')).toBeVisible();
  await expect.poll(liveTracks).toBe(1);
});

test.describe('on a phone', () => {
  const PHONE = { width: 390, height: 844 };
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  /** Wholly on the screen, below the sticky header and step bar (where it would be hidden under them). */
  async function onFirstScreen(page: Page, what: string, locator: Locator): Promise<void> {
    const steps = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!;
    const box = (await locator.boundingBox())!;
    expect(box, what).not.toBeNull();
    expect(box.y, `${what} top`).toBeGreaterThanOrEqual(steps.y + steps.height);
    expect(box.y + box.height, `${what} bottom`).toBeLessThanOrEqual(PHONE.height);
    expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(PHONE.width);
  }

  test('webcam on a phone: a class card leads to Start camera, and the count under Hold to record is one line', async ({
    page,
  }) => {
    test.setTimeout(LONG_TEST_MS);
    await studioReady(page, '/');
    const images = page.getByRole('region', { name: 'Images', exact: true });
    await images
      .getByLabel('Choose photos (for a new class)')
      .setInputFiles(classImages('sign-language-digits', 'digit_3').slice(0, 12));
    await expect(page.getByLabel('12 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
    // the card's own way to the camera: the heading clear of the sticky header and step bar, Start camera next
    await page.getByRole('link', { name: 'take photos (record into Class 1)' }).click();
    const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
    const start = webcam.getByRole('button', { name: 'Start camera' });
    await expect(start).toBeFocused();
    const steps = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!;
    const heading = (await webcam.getByRole('heading', { name: 'Webcam', exact: true }).boundingBox())!;
    expect(heading.y).toBeGreaterThanOrEqual(steps.y + steps.height - 1);
    await expect(start).toBeInViewport({ ratio: 1 });
    await start.click();
    const hold = webcam.getByRole('button', { name: 'Hold to record into Class 1' });
    await expect(hold).toBeEnabled({ timeout: SLOW_STEP_MS });
    const { count, recorded } = framesRecorded(webcam);
    await holdUntil(page, hold, recorded, 10);
    await settles(page, recorded);
    await expect(count).toHaveText(/^\d\d frames recorded · Class 1 has \d\d images$/);
    // the lines its words take: one
    const lines = await count.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
  });

  test('webcam on a phone: once a model answers, the picture, its answer, Hold to record and what it took share the first screen', async ({
    page,
  }) => {
    test.setTimeout(LONG_TEST_MS);
    await studioReady(page, '/');
    // three classes of chosen photos (a phone's way in), trained: three bars under the answer
    const images = page.getByRole('region', { name: 'Images', exact: true });
    for (const [k, digit] of ['digit_3', 'digit_7', 'digit_1'].entries()) {
      await images
        .getByLabel('Choose photos (for a new class)')
        .setInputFiles(classImages('sign-language-digits', digit).slice(0, 8));
      await expect(page.getByLabel(`8 images in Class ${k + 1}`)).toBeVisible({ timeout: SLOW_STEP_MS });
    }
    await trainToEnd(page, { epochs: 5, views: 0 });

    // the Data step's way to the camera, then Start camera: the page brings the picture up (left where
    // Start camera was, at the page's end, Hold to record was under the screen's edge), and there is
    // no scrolling of one's own after that
    await page.getByRole('link', { name: /^1 Data:/ }).click();
    await page.getByRole('link', { name: 'Record images with the camera' }).click();
    const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
    await webcam.getByRole('button', { name: 'Start camera' }).click();
    const label = webcam.getByTestId('live-label');
    await expect(label).toBeVisible({ timeout: SLOW_STEP_MS });
    const hold = webcam.getByRole('button', { name: 'Hold to record into Class 1' });
    const firstScreen = async () => {
      await onFirstScreen(page, 'picture', webcam.getByTestId('camera-video'));
      await onFirstScreen(page, 'answer', label);
      await onFirstScreen(page, 'bars', webcam.getByRole('list', { name: 'Live class probabilities' }));
      await onFirstScreen(page, 'Hold to record', hold);
    };
    await firstScreen();
    await expect(webcam.getByRole('list', { name: 'Live class probabilities' }).getByRole('listitem')).toHaveCount(3);

    // a recording more, as a person adds examples after seeing the answer: the line that says the
    // model predates them comes under the answer, and all of it stays on the screen with no scrolling
    // of one's own (the frames added to the class's card above it move the page by as much: the
    // browser keeps what is on the screen in place)
    const { recorded } = framesRecorded(webcam);
    await holdUntil(page, hold, recorded, 3);
    await expect(webcam.getByTestId('live-model-since')).toContainText('Trained before the latest changes', {
      timeout: SLOW_STEP_MS,
    });
    await expect(label).toBeVisible({ timeout: SLOW_STEP_MS });
    await firstScreen();
    // ...with what the hold took, under its count
    const justRecorded = webcam.getByRole('list', { name: 'Frames just recorded into Class 1, newest first' });
    await onFirstScreen(page, 'the frames just recorded', justRecorded);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
