import { expect, test, type Locator, type Page } from '@playwright/test';
import { classImages, LONG_TEST_MS, SLOW_STEP_MS, studioReady } from './fixtures';
import { trainToEnd } from './train-small';
import {
  framesRecorded,
  holdUntil,
  imagesInClass,
  settles,
  threeForCameraSevenFromFiles,
  watchCameraTracks,
} from './webcam-steps';

// Runs in the "fake-camera" project: Chromium's camera shows a sign-language digit_3 photo
// (e2e/global-setup.ts turns it into a y4m), letterboxed into a 640×480 frame.
// A class card's Record from camera (Teachable Machine's Webcam button), and the camera on a phone.

test('records into a class from its card', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  const liveTracks = await watchCameraTracks(page);
  await studioReady(page, '/');
  await threeForCameraSevenFromFiles(page, 4);
  const three = page.getByRole('region', { name: 'Class three' });
  const seven = page.getByRole('region', { name: 'Class seven' });
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  const images = imagesInClass(page, 'three');

  // Teachable Machine's Webcam button on the class card: the recorder opens in the card, the camera
  // starts, and the focus goes in, onto Hold to record once the camera runs
  const open = three.getByRole('button', { name: 'Record from camera into three' });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  const [closedCard, closedSeven] = [(await three.boundingBox())!, (await seven.boundingBox())!];
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const recorder = three.getByRole('group', { name: 'Camera recorder for three' });
  const hold = recorder.getByRole('button', { name: 'Hold to record into three' });
  await expect(hold).toBeFocused({ timeout: SLOW_STEP_MS });
  await expect(recorder.getByTestId('camera-video')).toBeInViewport({ ratio: 0.5 });
  await expect(hold).toBeInViewport({ ratio: 1 });
  // it opens in place: the card keeps its column and width, the other class stays beside it (the card
  // took the row's width, a jump that pushed the next class onto a row of its own), and the picture
  // spans the card, large enough to watch while holding the button
  const [openCard, openSeven] = [(await three.boundingBox())!, (await seven.boundingBox())!];
  expect(openCard.x).toBeCloseTo(closedCard.x, 0);
  expect(openCard.width).toBeCloseTo(closedCard.width, 0);
  expect(openSeven.x - openCard.x).toBeCloseTo(closedSeven.x - closedCard.x, 0);
  expect(openSeven.y).toBeCloseTo(openCard.y, 0);
  const picture = (await recorder.getByTestId('camera-video').boundingBox())!;
  expect(picture.width).toBeGreaterThan(openCard.width * 0.8);
  // the Deploy step's live stage steps aside meanwhile (one picture to take frames from), and says where the camera is
  await expect(webcam.getByTestId('live-stage')).toHaveCount(0);
  await expect(webcam.getByTestId('recorder-elsewhere')).toContainText('recording into three');

  // held with the mouse until the class has grown (not for a fixed time: a slow machine records fewer)
  await holdUntil(page, hold, images, 3);
  // the recorder's header names the class: its count line need not
  await expect(recorder.getByLabel('Frames recorded')).toHaveText(/^\d+ frames recorded · \d+ images$/);
  // and what it took, pictured under that line (on a phone the card's own thumbnails are off the screen)
  const justRecorded = recorder.getByRole('list', { name: 'Frames just recorded into three, newest first' });
  await expect(justRecorded.getByRole('listitem').first()).toBeVisible();
  // ...and under them the class's review, as the card's own Review opens it (a link to the card it
  // sits in went nowhere; the Deploy panel keeps its "See all in three", the card being screens away)
  const strip = recorder.getByTestId('recent-frames');
  await expect(strip.getByRole('link')).toHaveCount(0);
  // the last frame's JPEG may still land just after the release
  await settles(page, images);
  const inThree = await images();
  const review = strip.getByRole('button', { name: `Review all ${inThree} images`, exact: true });
  await review.click();
  const dialog = page.getByRole('dialog', { name: `three: ${inThree} images` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listbox', { name: 'Images of three' }).getByRole('option')).toHaveCount(inThree);
  // closed, the focus is back where it was, in the recorder, which stays open
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();
  await expect(recorder).toBeVisible();
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

  /** How many lines an element's words are laid out on (its text's boxes, not its elements'). */
  function linesOf(locator: Locator): Promise<number> {
    return locator.evaluate((el) => {
      const tops = new Set<number>();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) tops.add(Math.round(r.top));
      }
      return tops.size;
    });
  }

  test('webcam on a phone: a class card records from the camera in the card; the Deploy panel’s count under Hold to record is one line', async ({
    page,
  }) => {
    test.setTimeout(LONG_TEST_MS);
    await studioReady(page, '/');
    const images = page.getByRole('region', { name: 'Images', exact: true });
    await images
      .getByLabel('Choose photos (for a new class)')
      .setInputFiles(classImages('sign-language-digits', 'digit_3').slice(0, 12));
    await expect(page.getByLabel('12 images in Class 1')).toBeVisible({ timeout: SLOW_STEP_MS });
    // the card's own way to the camera: its recorder opens in the card, the camera starts, and Hold to
    // record comes onto the screen clear of the sticky header and step bar, with the focus
    const card = page.getByRole('region', { name: 'Class Class 1' });
    await card.getByRole('button', { name: 'Record from camera into Class 1' }).tap();
    const recorder = card.getByRole('group', { name: 'Camera recorder for Class 1' });
    const hold = recorder.getByRole('button', { name: 'Hold to record into Class 1' });
    await expect(hold).toBeFocused({ timeout: SLOW_STEP_MS });
    await onFirstScreen(page, 'Hold to record', hold);
    const inCard = framesRecorded(recorder);
    await holdUntil(page, hold, inCard.recorded, 10);
    await settles(page, inCard.recorded);
    // the header above names the class ("Camera → Class 1"): the count, at its longest, is one line
    await expect(inCard.count).toHaveText(/^\d\d frames recorded · \d\d images$/);
    expect(await linesOf(inCard.count)).toBe(1);
    // what it took: eight in one row (at the Deploy strip's 36 px the eighth went to a row of its own)
    const thumbs = recorder
      .getByRole('list', { name: 'Frames just recorded into Class 1, newest first' })
      .getByRole('listitem');
    await expect(thumbs).toHaveCount(8);
    const tops = await thumbs.evaluateAll(
      (els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size,
    );
    expect(tops).toBe(1);
    // Done: the recorder goes, and the camera it started with it
    await recorder.getByRole('button', { name: 'Done recording into Class 1' }).tap();
    await expect(recorder).toHaveCount(0);

    // the Deploy step's camera panel records too: its count under Hold to record, at its longest, is one line
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('link', { name: /^5 Deploy:/ })
      .click();
    const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
    await webcam.getByRole('button', { name: 'Start camera' }).click();
    const deployHold = webcam.getByRole('button', { name: 'Hold to record into Class 1' });
    await expect(deployHold).toBeEnabled({ timeout: SLOW_STEP_MS });
    const { count, recorded } = framesRecorded(webcam);
    await holdUntil(page, deployHold, recorded, 10);
    await settles(page, recorded);
    await expect(count).toHaveText(/^\d\d frames recorded · Class 1 has \d\d images$/);
    // the lines its words take: one
    expect(await linesOf(count)).toBe(1);
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

    // the step bar's Deploy, then Start camera: the page brings the picture up (left where Start
    // camera was, at the page's end, Hold to record was under the screen's edge), and there is no
    // scrolling of one's own after that
    await page.getByRole('link', { name: /^5 Deploy:/ }).click();
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
