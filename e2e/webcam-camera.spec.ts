import { expect, test } from '@playwright/test';
import { LONG_TEST_MS, SLOW_STEP_MS, studioReady, TRAIN_MS } from './fixtures';
import { framesRecorded, holdUntil, imagesInClass, settles, threeForCameraSevenFromFiles } from './webcam-steps';
import { addSmallProject, trainToEnd } from './train-small';
import { MAX_EPOCHS } from '../src/core/train/settings';
import { HOLD_CLICK_MS } from '../src/ui/webcam/bare-click';

// Runs in the "fake-camera" project: Chromium's camera shows a sign-language digit_3 photo
// (e2e/global-setup.ts turns it into a y4m), letterboxed into a 640×480 frame.
// The Deploy step's camera panel: recording from it, then the live prediction and its controls.
// Recording from a class card: webcam-card.spec.ts; a timed recording and what is said: webcam-record.spec.ts.

test('webcam: record camera frames into a class, train, and the live prediction names the photo’s class', async ({
  page,
}, testInfo) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');

  // "three" gets its images from the camera, "seven" from files.
  await threeForCameraSevenFromFiles(page, 12);

  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  // the Deploy step's own camera panel (a class card records in the card: webcam-card.spec.ts)
  const deploy = page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /^5 Deploy:/ });
  await deploy.click();
  await expect(webcam.getByRole('heading', { name: 'Webcam', exact: true })).toBeInViewport();
  await expect(deploy).toHaveAttribute('aria-current', 'step');
  // from the keyboard: the focus stays on the button while the camera starts, and it is Stop camera
  // after (a disabled "Starting camera…" dropped the focus to the page)
  await webcam.getByRole('button', { name: 'Start camera' }).focus();
  await page.keyboard.press('Enter');
  await expect(webcam.getByRole('button', { name: 'Stop camera' })).toBeFocused({ timeout: SLOW_STEP_MS });
  // the panel's Record into offers every class, and its choice names the record button
  const recordInto = webcam.getByLabel('Record into');
  await expect(recordInto.locator('option')).toHaveText(['three', 'seven']);
  await recordInto.selectOption({ label: 'seven' });
  await expect(webcam.getByRole('button', { name: 'Hold to record into seven' })).toBeVisible();
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
  await recordInto.selectOption({ label: 'three' });
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
  // from the camera's row, under the column's top fade: the recording's clicks and the run scrolled
  // the Deploy column on their own (how far depended on where the camera's start had left it)
  await webcam.getByLabel('Camera', { exact: true }).evaluate((el) => {
    const column = el.closest('.step-deploy');
    if (column) column.scrollTop += el.getBoundingClientRect().top - column.getBoundingClientRect().top - 56;
  });
  await expect(webcam.getByTestId('camera-video')).toBeInViewport({ ratio: 0.9 });
  await expect(label).toBeInViewport({ ratio: 1 });
  await expect(webcam.getByRole('list', { name: 'Live class probabilities' })).toBeInViewport({ ratio: 1 });
  await expect(webcam.getByRole('button', { name: 'Hold to record into three' })).toBeInViewport({ ratio: 1 });

  // Below the "unknown" threshold no class is claimed; lowering it brings the class back. The
  // settings are folded under the answer; the threshold is the default for the model's 2 classes.
  await webcam.getByText('Prediction settings').click();
  await expect(webcam.getByRole('slider', { name: 'Unknown below 75%' })).toBeVisible();
  await expect(webcam.getByText('(default for 2 classes: halfway from a 50% guess to sure)')).toBeVisible();
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
  await expect(webcam.getByTestId('live-rate')).toHaveText('Live: paused, the last answer shown');
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

  // a run pauses the live answer: its last one goes rather than stand beside the pause as if live.
  // The most epochs, early stopping off, stopped by the test: 400 epochs under early stopping ended by
  // themselves 2.6 s after Train here, about a second on the project's CI machine (2-3 times faster)
  await page.getByLabel('Epochs').fill(String(MAX_EPOCHS));
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(webcam.getByText('Live predictions pause while a model trains.')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(label).toHaveCount(0);
  // still training (Stop is disabled once the run is over): the pause above was the run's
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText(/^Training stopped/)).toBeVisible({ timeout: TRAIN_MS });
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

test('webcam: a camera started in the Deploy step shows its row (Camera, Stop camera), the picture, the answer and Hold to record on one screen', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.setViewportSize({ width: 1280, height: 800 });
  await studioReady(page, '/');
  await addSmallProject(page, { classes: ['digit_3', 'digit_7'], perClass: 8 });
  await trainToEnd(page, { epochs: 5, views: 0 });
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  const stop = webcam.getByRole('button', { name: 'Stop camera' });
  const camera = webcam.getByLabel('Camera', { exact: true });
  const hold = webcam.getByRole('button', { name: /^Hold to record into / });
  const label = webcam.getByTestId('live-label');
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.getByRole('link', { name: /^5 Deploy:/ }).click();
    await webcam.getByRole('button', { name: 'Start camera' }).click();
    // the first live answer waits on the model's load in the worker
    await expect(label).toBeVisible({ timeout: SLOW_STEP_MS });
    // brought to the picture's top, the row above it (Stop camera) was just above the column's edge
    await expect(stop).toBeInViewport({ ratio: 1 });
    await expect(camera).toBeInViewport({ ratio: 1 });
    // and not faded: brought to the Deploy column's top, the row sat in its top fade and looked disabled
    const mask = await stop.evaluate((el) => {
      const column = el.closest('.step-deploy');
      return column ? getComputedStyle(column).maskImage : 'none';
    });
    expect(mask, 'no fade at the column top while the camera runs').not.toMatch(
      /^linear-gradient\((to bottom, )?(transparent|rgba\(0, 0, 0, 0\))/,
    );
    await expect(webcam.getByTestId('camera-video')).toBeInViewport({ ratio: 0.95 });
    await expect(label).toBeInViewport({ ratio: 1 });
    await expect(hold).toBeInViewport({ ratio: 1 });
    // the camera and its Stop on one line (the resolution beside them wrapped the row onto two)...
    const [a, b] = [await camera.boundingBox(), await stop.boundingBox()];
    expect(a && b && a.y < b.y + b.height && b.y < a.y + a.height).toBe(true);
    // ...the resolution under the picture, still said by its name
    const resolution = webcam.getByLabel('Camera resolution');
    await expect(resolution).toHaveText('640 × 480');
    await expect(resolution).toBeVisible();
    expect((await resolution.boundingBox())!.y).toBeGreaterThan(b!.y + b!.height);
    await stop.click();
  }
});
