import { expect, type Locator, type Page } from '@playwright/test';
import { classImages, SLOW_STEP_MS } from './fixtures';

/** The webcam's "N frames recorded · …" line and a reader of its N (0 while the line is not shown). */
export function framesRecorded(webcam: Locator): { count: Locator; recorded: () => Promise<number> } {
  const count = webcam.getByLabel('Frames recorded');
  const recorded = async () => Number(/(\d+) frames? recorded/.exec(await count.innerText().catch(() => ''))?.[1] ?? 0);
  return { count, recorded };
}

/** Waits until `count` stops moving (the last JPEG of a recording may still encode just after it stops). */
export async function settles(page: Page, count: () => Promise<number>): Promise<void> {
  await expect
    .poll(
      async () => {
        // a whole second: under load a frame's JPEG, taken before the stop, was added 500 ms after
        // the count had looked still (CI: 45 images counted, 46 in the review)
        const before = await count();
        await page.waitForTimeout(1_000);
        return (await count()) === before;
      },
      { timeout: SLOW_STEP_MS },
    )
    .toBe(true);
}

/**
 * Holds the pointer down on `hold` until at least `frames` have been recorded, then lets go: a slow
 * machine records fewer a second, so the test waits for the count, not for a time.
 */
export async function holdUntil(page: Page, hold: Locator, recorded: () => Promise<number>, frames: number) {
  await hold.hover();
  await page.mouse.down();
  await expect.poll(recorded, { timeout: SLOW_STEP_MS }).toBeGreaterThanOrEqual(frames);
  await page.mouse.up();
}

/** A reader of how many images class `name`'s card counts (0 while it shows no count). */
export function imagesInClass(page: Page, name: string): () => Promise<number> {
  const label = new RegExp(`^(\\d+) images in ${name}`);
  return async () =>
    Number(
      label.exec(
        (await page
          .getByLabel(label)
          .getAttribute('aria-label')
          .catch(() => null)) ?? '',
      )?.[1] ?? 0,
    );
}

/** Two classes: "three", left for the camera, and "seven" with `sevens` photos of a hand showing 7. */
export async function threeForCameraSevenFromFiles(page: Page, sevens: number): Promise<void> {
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('button', { name: 'Add class' }).click();
  const names = page.getByRole('textbox', { name: 'Class name' });
  await names.nth(0).fill('three');
  await names.nth(1).fill('seven');
  await page
    .getByLabel('Add images to seven')
    .setInputFiles(classImages('sign-language-digits', 'digit_7').slice(0, sevens));
  await expect(page.getByLabel(`${sevens} images in seven`)).toBeVisible({ timeout: SLOW_STEP_MS });
}

/** The camera tracks the page has opened that still run (getUserMedia is watched from the page's start). */
export async function watchCameraTracks(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    Object.assign(window, { cameraTracks: tracks });
    const md = navigator.mediaDevices;
    const ask = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => {
      const stream = await ask(c);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
  return () =>
    page.evaluate(
      () =>
        (window as unknown as { cameraTracks: MediaStreamTrack[] }).cameraTracks.filter((t) => t.readyState === 'live')
          .length,
    );
}
