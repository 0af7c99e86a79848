import { expect, test, type Page } from '@playwright/test';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady, textOf, undoToast } from './fixtures';

const CLASSES = ['digit_3', 'digit_5', 'digit_8'];

/** The number after "Trainable:" in the layer map's totals. */
async function trainableShown(page: Page): Promise<number> {
  const text = await textOf(page.getByTestId('param-totals'));
  return Number(/Trainable:\s*([\d,]+)/.exec(text)![1].replace(/,/g, ''));
}

/** "from" … "to" as the bars' labels. */
const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}`);

async function trainAndRead(page: Page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: 200_000 });
  // the controls a run locks free a few frames after its end shows (ui/useRunLock.ts): CI once
  // pressed ← on the still-locked layer map 0.3 s after "Training finished"
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(page.getByRole('slider', { name: 'Layer map' })).not.toHaveAttribute('aria-disabled', 'true');
  return {
    params: await textOf(page.getByTestId('trained-params')),
    loss: Number((await textOf(page.getByTestId('val-loss'))).replace(/[^\d.]/g, '')),
  };
}

test('layer map: the freeze boundary is set by keyboard, totals update, and fine-tuning changes the result', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 10);
  await studioReady(page, '/');
  await addFolder(page, folder, '10 images in digit_8');

  // v1 α0.25: the stem and 13 depthwise-separable blocks drawn as one diagram, all frozen at first;
  // the freeze boundary is one slider (one Tab stop), right of every block
  const map = page.getByRole('slider', { name: 'Layer map' });
  const blocks = map.locator('[data-block]');
  const trainable = map.locator('[data-state="trainable"]');
  await expect(blocks).toHaveCount(14);
  // each bar labelled by its block's own name: the stem "in", then block_1 … block_13 as 1 … 13
  await expect(map.locator('.block-index')).toHaveText(['in', ...numbers(1, 13)]);
  await expect(trainable).toHaveCount(0);
  await expect(map).toHaveAttribute('aria-valuenow', '14');
  await expect(map).toHaveAttribute('aria-valuetext', 'All 14 blocks frozen: head only');
  await expect(page.getByTestId('param-totals')).toContainText('head only');
  // the map leads with what the choice means, in plain words
  await expect(page.locator('.map-choice')).toHaveText(
    /^Only the small head on top trains; the backbone stays as it is\./,
  );
  // the default, automatic head recipe trains a linear head: 384 features (256 of the last block,
  // 128 of block 11, which the map says it reads) × 3 classes + 3 biases
  expect(await trainableShown(page)).toBe(384 * 3 + 3);
  // what the head reads, in plain words beside the help (not the slider's description); the layers
  // and counts are in its title, and under the layers of the blocks they come from (below)
  const reads = page.locator('.layer-map .head-reads');
  await expect(reads).toHaveText(
    'The head sees each image two ways: the big picture from the last block, and finer detail from an earlier one (a little more accurate in our tests).',
  );
  await expect(reads).toHaveAttribute(
    'title',
    /and conv_pw_11_relu \(block_11's output\), .*: 256 \+ 128 = 384 features\.$/,
  );
  await expect(page.locator('#layer-map-help')).not.toContainText('big picture');
  // head only already: the freeze-all button is disabled and says why, beside it and as its description
  // (it read as an empty text box); the legend names the thick outline, the block listed below
  const freezeAll = page.getByRole('button', { name: 'Freeze whole backbone (head only)' });
  await expect(freezeAll).toBeDisabled();
  await expect(freezeAll).toHaveAccessibleDescription('Already head only: the whole backbone is frozen.');
  await expect(page.locator('#freeze-all-why')).toBeVisible();
  await expect(page.locator('.map-legend')).toContainText('its layers below');

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('4');
  // manual: the 512-unit hidden layer of the settings
  await expect(page.getByTestId('param-totals')).toContainText(
    `Trainable: ${(384 * 512 + 512 + 512 * 3 + 3).toLocaleString('en-US')}`,
  );
  const headOnly = await trainableShown(page);
  const before = await trainAndRead(page);
  expect(before.params).toContain('Trained the head only');
  expect(before.params).toContain(`${headOnly.toLocaleString('en-US')} trainable parameters`);

  // Keyboard: focus the map and press ← → the top block becomes trainable, the rest stays frozen;
  // the inspector (under Layers of block_13) has the boundary block's shape, parameters and layers.
  await map.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(map).toHaveAttribute('aria-valuetext', /^block_13 and above train \(1 backbone block \+ head\)/);
  await expect(map.locator('[data-block="block_13"]')).toHaveAttribute('data-state', 'trainable');
  await expect(trainable).toHaveCount(1);
  await expect(page.getByTestId('block-inspector')).toContainText(
    /block_13 · trainable · output 7×7×256 · [\d,]+ parameters · \d+ layers: conv_dw_13/,
  );
  await expect(page.getByTestId('param-totals')).toContainText('1 backbone block + head');
  await expect(page.locator('.map-choice')).toHaveText(/^The top block trains with the head: slower, /);
  // the head it trains with is said there, with the way to its fields (the Train step's settings)
  const fineTuneHead = page.getByTestId('fine-tune-head');
  await expect(fineTuneHead).toHaveText(
    'Fine-tuning trains its head as set in the Train step: a hidden layer of 512 units (dropout 0.5), learning rate 0.001 on a cosine schedule, 4 epochs, 4 augmented views per image. Change the head’s settings',
  );
  await fineTuneHead.getByRole('link', { name: 'Change the head’s settings' }).click();
  await expect(page.getByText('Training settings', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Head recipe')).toBeInViewport();
  await map.focus();
  // the layer list is a click away, under a summary naming the block
  await page.getByText('Layers of block_13').click();
  await expect(page.getByTestId('block-inspector')).toBeVisible();
  await expect(page.getByTestId('head-reads')).toHaveText(
    "The head reads conv_pw_13_relu (block_13's output) and conv_pw_11_relu (block_11's output), each averaged over the image: 256 + 128 = 384 features.",
  );
  await map.focus();
  const oneBlock = await trainableShown(page);
  expect(oneBlock).toBeGreaterThan(headOnly);
  // End freezes everything again, Home unfreezes everything
  await page.keyboard.press('End');
  await expect(trainable).toHaveCount(0);
  await page.keyboard.press('Home');
  await expect(trainable).toHaveCount(14);
  await page.keyboard.press('End');

  // Going lower trains more: a click on block_11 trains it and the blocks above it.
  await map.locator('[data-block="block_11"] rect').click();
  await expect(trainable).toHaveCount(3);
  await expect(map).toHaveAttribute('aria-valuenow', '11');
  const threeBlocks = await trainableShown(page);
  expect(threeBlocks).toBeGreaterThan(oneBlock);
  // Dragging the boundary from block_11 to block_13 trains only block_13.
  const from = (await map.locator('[data-block="block_11"] rect').boundingBox())!;
  const to = (await map.locator('[data-block="block_13"] rect').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(trainable).toHaveCount(1);
  expect(await trainableShown(page)).toBe(oneBlock);
  await map.locator('[data-block="block_11"] rect').click();
  await expect(trainable).toHaveCount(3);
  // A single block inside the unfrozen top can stay frozen (in the blocks table); the totals drop by its parameters.
  await page.getByText('Blocks in detail (14)').click();
  // named by the words it shows, then the block: "freeze only this: block_12", pressed "kept frozen: block_12"
  const keep12 = page.getByRole('button', { name: /^(freeze only this|kept frozen): block_12$/ });
  await expect(keep12).toHaveAccessibleName('freeze only this: block_12');
  await keep12.click();
  await expect(keep12).toHaveAttribute('aria-pressed', 'true');
  await expect(keep12).toHaveAccessibleName('kept frozen: block_12');
  await expect(trainable).toHaveCount(2);
  await expect(map.locator('[data-block="block_12"]')).toHaveAttribute('data-state', 'frozen');
  await expect(page.getByTestId('param-totals')).toContainText('2 backbone blocks + head, 1 kept frozen');
  expect(await trainableShown(page)).toBeLessThan(threeBlocks);
  // the boundary moved up past it and back: the block is kept frozen again
  await map.press('ArrowRight');
  await map.press('ArrowRight');
  await expect(trainable).toHaveCount(1);
  await map.press('ArrowLeft');
  await map.press('ArrowLeft');
  await expect(keep12).toHaveAttribute('aria-pressed', 'true');
  await expect(trainable).toHaveCount(2);
  await keep12.click();
  expect(await trainableShown(page)).toBe(threeBlocks);
  await map.press('ArrowRight');
  await map.press('ArrowRight');
  expect(await trainableShown(page)).toBe(oneBlock);
  await page.getByLabel('Augmented views per image').fill('1');
  await page.getByLabel('Head-only warm-up epochs').fill('1');
  // the head-only run's results are still shown: they say they no longer answer for the settings
  await expect(page.getByTestId('settings-changed')).toContainText('trainable blocks 0 → 1');

  const after = await trainAndRead(page);
  await expect(page.getByTestId('settings-changed')).toHaveCount(0);
  expect(after.params).toContain('Fine-tuned the top 1 backbone block and the head');
  expect(after.params).toContain(`${oneBlock.toLocaleString('en-US')} trainable parameters`);
  expect(after.loss).not.toBe(before.loss);

  // Back to head only: the totals return to where they started.
  await expect(freezeAll).toHaveAccessibleDescription('');
  await expect(page.locator('#freeze-all-why')).toHaveCount(0);
  await page.getByRole('button', { name: 'Freeze whole backbone (head only)' }).click();
  await expect(trainable).toHaveCount(0);
  expect(await trainableShown(page)).toBe(headOnly);
  await expect(page.getByTestId('settings-changed')).toContainText('trainable blocks 1 → 0');
  // ...and back again: the choice it cleared is offered back
  await undoToast(page, 'Froze the whole backbone').getByRole('button', { name: 'Undo' }).click();
  await expect(trainable).toHaveCount(1);
  expect(await trainableShown(page)).toBe(oneBlock);
});

test('layer map: each bar is labelled by its block’s name on v2 too, where positions and names part', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  const map = page.getByRole('slider', { name: 'Layer map' });
  await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).check();
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35 from/)).toBeVisible({ timeout: SLOW_STEP_MS });
  // the stem, expanded_conv (Keras's block 0), block_1 … block_16 and the last conv block, Conv_1:
  // the bar of block_13 is the 15th, and it was labelled 14, Conv_1's 18
  await expect(map.locator('[data-block]')).toHaveCount(19);
  await expect(map.locator('.block-index')).toHaveText(['in', '0', ...numbers(1, 16), 'top']);
  await expect(map.locator('[data-block="block_13"] .block-index')).toHaveText('13');
  await expect(map.locator('[data-block="Conv_1"] title')).toHaveText(/^Conv_1 \(top\): .*last/);
  await expect(map.locator('[data-block="stem"] title')).toHaveText(/^stem \(in\): /);
  // head only, the top block is the one shown, named as its bar is
  await page.locator('.block-layers summary').click();
  await expect(page.locator('.block-layers summary')).toHaveText('Layers of Conv_1 (top)');
  // the bar labelled 13 is the block the words call block_13, where the head reads its finer detail
  await map.locator('[data-block="block_13"] rect').click();
  await expect(map).toHaveAttribute('aria-valuetext', /^block_13 and above train \(5 backbone blocks \+ head\)/);
  await expect(page.locator('.block-layers summary')).toHaveText('Layers of block_13');
  await expect(page.getByTestId('block-inspector')).toContainText(/^block_13 · trainable · .* layers: block_13_expand/);
  await expect(page.getByTestId('head-reads')).toContainText('block_13_expand_relu (inside block_13)');
  await page.getByText('Blocks in detail (19)').click();
  const rows = page.locator('.layer-table tbody th');
  await expect(rows.first()).toHaveText('Conv_1 (top)');
  await expect(rows.nth(19 - 1 - 14)).toHaveText('block_13');
  await expect(rows.last()).toHaveText('stem (in)');
});

test.describe('on a narrow touch screen', () => {
  test.use({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true });

  test('layer map: a finger pans the map to its top blocks, a tap sets the boundary, the handle drags it', async ({
    page,
  }) => {
    await studioReady(page, '/');
    const map = page.getByRole('slider', { name: 'Layer map' });
    const scroll = page.locator('.map-scroll');
    await map.scrollIntoViewIfNeeded();
    await expect(map).toHaveAttribute('aria-valuenow', '14');
    // wider than the screen: it opens scrolled to the boundary (at the head), not at the input's end
    expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect.poll(() => scroll.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    const opened = await scroll.evaluate((el) => el.scrollLeft);
    const view = (await scroll.boundingBox())!;
    const handleAt = (await page.locator('.map-handle').boundingBox())!;
    expect(handleAt.x).toBeGreaterThanOrEqual(view.x);
    expect(handleAt.x + handleAt.width).toBeLessThanOrEqual(view.x + view.width);
    const cdp = await page.context().newCDPSession(page);
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const swipe = async (from: { x: number; y: number }, dx: number) => {
      await touch('touchStart', from.x, from.y);
      for (let i = 1; i <= 8; i++) await touch('touchMove', from.x + (dx * i) / 8, from.y);
      await touch('touchEnd');
    };
    // a swipe rightwards on the blocks pans the map towards the input; the boundary stays where it was
    const box = (await scroll.boundingBox())!;
    await swipe({ x: box.x + 40, y: box.y + box.height / 2 }, 240);
    await expect.poll(() => scroll.evaluate((el) => el.scrollLeft)).toBeLessThan(opened);
    await expect(map).toHaveAttribute('aria-valuenow', '14');
    // the top block is in reach now: a tap trains it
    const block13 = map.locator('[data-block="block_13"] rect');
    await block13.scrollIntoViewIfNeeded();
    await block13.tap();
    await expect(map).toHaveAttribute('aria-valuenow', '13');
    // a drag from the handle moves the boundary down to block_11
    const handle = (await page.locator('.map-handle').boundingBox())!;
    const to = (await map.locator('[data-block="block_11"] rect').boundingBox())!;
    const start = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    await swipe(start, to.x + to.width / 2 - start.x);
    await expect(map).toHaveAttribute('aria-valuenow', '11');
    // the block just left of the boundary lies under the handle's 44 px: a tap there trains it too
    const left = (await map.locator('[data-block="block_10"] rect').boundingBox())!;
    await page.touchscreen.tap(left.x + left.width / 2, left.y + left.height / 2);
    await expect(map).toHaveAttribute('aria-valuenow', '10');
  });
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  /** Whether all of `part` lies within the visible width of the map's scroller. */
  async function inView(page: Page, part: string): Promise<boolean> {
    const view = await page
      .locator('.map-scroll')
      .evaluate((el) => ({ left: el.getBoundingClientRect().left + el.clientLeft, width: el.clientWidth }));
    const box = (await page.locator(part).boundingBox())!;
    return box.x >= view.left - 0.5 && box.x + box.width <= view.left + view.width + 0.5;
  }
  const HANDLE = '.map-slider .boundary circle';
  const HEAD = '.map-slider .head-block rect';

  test('layer map: the boundary, the blocks that train and the head show, and the map says it pans', async ({
    page,
  }) => {
    await studioReady(page, '/');
    const map = page.getByRole('slider', { name: 'Layer map' });
    await map.scrollIntoViewIfNeeded();
    await expect(map).toHaveAttribute('aria-valuenow', '14');
    // wider than its place: a line says it pans (in touch words), and the edge with more map fades
    expect(await page.locator('.map-scroll').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const pans = page.getByTestId('map-pans');
    await expect(pans.getByText('Swipe the map sideways to see all blocks.')).toBeVisible();
    await expect(pans.getByText('Scroll the map sideways to see all blocks.')).toBeHidden();
    await expect.poll(() => inView(page, HANDLE)).toBe(true);
    await expect.poll(() => inView(page, HEAD)).toBe(true);
    await expect(page.locator('.map-pan')).toHaveClass(/more-left/);

    // every block trains: the boundary at the input's end is in view, the map faded on its right
    await map.focus();
    // where the map sits on screen (the sentences above it change length with the choice, and
    // the browser's scroll anchoring moves the page by as much to keep what is in view in place)
    const mapAt = async () => Math.round((await page.locator('.map-scroll').boundingBox())!.y);
    const screenAt = await mapAt();
    await page.keyboard.press('Home');
    await expect(map).toHaveAttribute('aria-valuenow', '0');
    await expect.poll(() => inView(page, HANDLE)).toBe(true);
    await expect(page.locator('.map-pan')).toHaveClass(/more-right/);
    // the slider's focus ring runs along the scroller's edges: no fade over it while it has the keys
    await expect
      .poll(() => page.locator('.map-pan').evaluate((el) => getComputedStyle(el, '::after').opacity))
      .toBe('0');
    // back up to the top 3 a key at a time: the boundary, block_11 … block_13 and the head show
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await expect(map).toHaveAttribute('aria-valuenow', '11');
    await expect.poll(() => inView(page, HANDLE)).toBe(true);
    await expect.poll(() => inView(page, HEAD)).toBe(true);
    for (const block of ['block_11', 'block_12', 'block_13'])
      await expect.poll(() => inView(page, `[data-block="${block}"] rect`)).toBe(true);
    // the map's scroller panned, not the page: the map is where it was on screen
    expect(Math.abs((await mapAt()) - screenAt)).toBeLessThanOrEqual(1);

    // a tap on a block shown after Home (the top blocks past the edge) sets it, and the head shows
    await page.keyboard.press('Home');
    await expect.poll(() => inView(page, HANDLE)).toBe(true);
    const far = page.locator('[data-block="block_8"] rect');
    await expect.poll(() => inView(page, '[data-block="block_8"] rect')).toBe(true);
    await far.tap();
    await expect(map).toHaveAttribute('aria-valuenow', '8');
    await expect.poll(() => inView(page, HANDLE)).toBe(true);
    await expect.poll(() => inView(page, HEAD)).toBe(true);

    // the choice kept, the map opens on it again after a reload
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(map).toHaveAttribute('aria-valuenow', '11');
    await studioReady(page, '/');
    await expect(map).toHaveAttribute('aria-valuenow', '11');
    await map.scrollIntoViewIfNeeded();
    await expect.poll(() => inView(page, HANDLE)).toBe(true);
    await expect.poll(() => inView(page, HEAD)).toBe(true);
  });
});
