import { expect, test, type Locator, type Page } from '@playwright/test';
import { classImages, LONG_TEST_MS, SLOW_STEP_MS, studioReady } from './fixtures';
import { framesRecorded, imagesInClass, settles, threeForCameraSevenFromFiles } from './webcam-steps';

// Runs in the "fake-camera" project: Chromium's camera shows a sign-language digit_3 photo
// (e2e/global-setup.ts turns it into a y4m), letterboxed into a 640×480 frame.
// A timed recording, and what a screen reader hears of a recording.

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
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el === document.body || !el ? 'body' : `${el.tagName.toLowerCase()}: ${el.textContent}`;
    });
  /** wholly in view, below the sticky header and step bar over the page (where it would be hidden under them) */
  const inClearView = async (locator: Locator) => {
    await expect(locator).toBeInViewport({ ratio: 1 });
    const steps = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!;
    expect((await locator.boundingBox())!.y).toBeGreaterThanOrEqual(steps.y + steps.height - 1);
  };

  // from the keyboard, a card's Record from camera: its recorder opens in the card, the camera starts,
  // and the focus goes on to Hold to record into the class, in view clear of the sticky header
  const seven = page.getByRole('region', { name: 'Class seven' });
  await seven.getByRole('button', { name: 'Record from camera into seven' }).focus();
  await page.keyboard.press('Enter');
  const sevenRecorder = seven.getByRole('group', { name: 'Camera recorder for seven' });
  const holdSeven = sevenRecorder.getByRole('button', { name: 'Hold to record into seven' });
  await expect(holdSeven).toBeFocused({ timeout: SLOW_STEP_MS });
  await inClearView(holdSeven);
  // with the camera running, another card's Record from camera goes straight to Hold to record, into its class
  const three = page.getByRole('region', { name: 'Class three' });
  await three.getByRole('button', { name: 'Record from camera into three' }).focus();
  await page.keyboard.press('Enter');
  await expect(sevenRecorder).toHaveCount(0);
  const recorder = three.getByRole('group', { name: 'Camera recorder for three' });
  await expect.poll(active).toBe('button: Hold to record into three');
  await inClearView(recorder.getByRole('button', { name: 'Hold to record into three' }));

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
  // (the recorder's header names the class: the count line does not)
  await expect(recorder.getByLabel('Frames recorded')).toHaveText(`${byHold} frames recorded · ${byHold} images`);

  // the timed recording: its countdown, its start and its count, each once
  await recorder.locator('summary', { hasText: /^Starts after/ }).click();
  await recorder.getByLabel('Countdown (s)').fill('1');
  await recorder.getByLabel('Record for (s)').fill('2');
  const timed = recorder.getByRole('button', { name: 'Start timed recording into three' });
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
