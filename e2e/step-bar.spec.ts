import { expect, test, type Page } from '@playwright/test';
import { dismissAdded, LONG_TEST_MS, SLOW_STEP_MS, studioReady, TRAIN_MS, undoToast } from './fixtures';
import { addSmallProject, trainToEnd } from './train-small';

/** the run's state in one frame: the Train panel's bar, the step bar's words, the stage under way */
type Seen = { bar: number; words: string; stage: string; counted: string };

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const stepLink = (page: Page, step: string) =>
  page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: new RegExp(`^\\d ${step}:`) });

/** The marked step's region holds the line a little under the step bar: the step on screen is the one marked. */
async function markedIsOnScreen(page: Page): Promise<void> {
  const marked = page.getByRole('navigation', { name: 'Steps' }).locator('a[aria-current="step"]');
  await expect(marked).toHaveCount(1);
  const name = /^\d (\w+):/.exec((await marked.getAttribute('aria-label')) ?? '')![1];
  const { top, line } = await page.evaluate((id) => {
    const line = document.querySelector('nav.steps')!.getBoundingClientRect().bottom + 24;
    return { top: document.getElementById(`step-${id}`)!.getBoundingClientRect().top, line };
  }, name.toLowerCase());
  expect(top, `${name}'s top above the reading line`).toBeLessThanOrEqual(line);
  await expect(page.getByRole('region', { name: `Step: ${name}` })).toBeInViewport();
}

test('Deploy picked in the step bar: beside the page on a wide screen the page stays where it was and Deploy gets the focus; on a phone the page scrolls to it', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await studioReady(page, '/');
  await addSmallProject(page, { classes: ['digit_0', 'digit_1'], perClass: 6 });
  const deploy = page.getByRole('region', { name: 'Step: Deploy' });
  for (const from of ['Train', 'Evaluate', 'Model']) {
    await stepLink(page, from).click();
    await expect(stepLink(page, from)).toHaveAttribute('aria-current', 'step');
    const before = await page.evaluate(() => scrollY);
    await stepLink(page, 'Deploy').click();
    await expect(stepLink(page, 'Deploy')).toHaveAttribute('aria-current', 'step');
    await expect(deploy).toBeFocused();
    // it scrolled the page to Deploy's place in the grid: from Train up to the Model's layer map
    expect(await page.evaluate(() => scrollY), `the page's scroll after Deploy, from ${from}`).toBe(before);
    await expect(page.getByRole('region', { name: `Step: ${from}` })).toBeInViewport();
    // a moment's ring shows where Deploy is
    await expect(deploy).toHaveAttribute('data-flash', '');
    await expect(deploy).not.toHaveAttribute('data-flash', { timeout: 5_000 });
  }

  // Tab into the bar from the header: the page stayed only for a click (the focused link was taken
  // for hidden under the header, and the page scrolled 380 px at each)
  const before = await page.evaluate(() => {
    document.querySelector<HTMLElement>('a.header-backend')!.focus({ preventScroll: true });
    return scrollY;
  });
  await page.keyboard.press('Tab');
  await expect(stepLink(page, 'Data')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(stepLink(page, 'Model')).toBeFocused();
  expect(await page.evaluate(() => scrollY)).toBe(before);
  // so does Shift+Tab back into the header's own controls (they scrolled it some 430 px each)
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('header.top') !== null)).toBe(true);
  expect(await page.evaluate(() => scrollY)).toBe(before);

  // one column: Deploy is under Evaluate, and the page goes to it
  await page.setViewportSize(PHONE);
  await stepLink(page, 'Data').click();
  await stepLink(page, 'Deploy').click();
  await expect(deploy).toBeFocused();
  const nav = (await page.getByRole('navigation', { name: 'Steps' }).boundingBox())!;
  const top = (await deploy.boundingBox())!.y;
  expect(top).toBeGreaterThanOrEqual(nav.y + nav.height - 1);
  expect(top).toBeLessThan(nav.y + nav.height + 40);
});

test('New project, and its Undo, mark the step on screen, not the one picked before', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await studioReady(page, '/');
  await addSmallProject(page, { classes: ['digit_0', 'digit_1'], perClass: 6 });
  await stepLink(page, 'Evaluate').click();
  await expect(stepLink(page, 'Evaluate')).toHaveAttribute('aria-current', 'step');

  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('alertdialog', { name: 'Start a new project?' })
    .getByRole('button', { name: 'Start new project' })
    .click();
  await expect(page.getByText('0 classes, 0 images')).toBeVisible();
  // the empty Data step fills the screen: "4 Evaluate" stayed marked over it
  await expect(stepLink(page, 'Data')).toHaveAttribute('aria-current', 'step');
  await markedIsOnScreen(page);

  // picked again, then the earlier project put back under it: the mark follows the page
  await stepLink(page, 'Evaluate').click();
  await expect(stepLink(page, 'Evaluate')).toHaveAttribute('aria-current', 'step');
  await undoToast(page, 'Started a new project').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('2 classes, 12 images')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(async () => markedIsOnScreen(page)).toPass({ timeout: 5_000 });
});

test("a run's end leads on to Evaluate and Try it", async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  await page.setViewportSize(DESKTOP);
  await studioReady(page, '/');
  await addSmallProject(page, { classes: ['digit_0', 'digit_1'], perClass: 6 });
  const train = page.getByRole('region', { name: 'Step: Train' });
  const tryIt = train.getByRole('link', { name: 'Try it', exact: true });
  const evaluate = train.getByRole('link', { name: 'Evaluate', exact: true });
  // nothing to lead on to before a run has made a model
  await expect(tryIt).toHaveCount(0);
  await trainToEnd(page, { epochs: 2, views: 0 });
  // the links follow the status line, outside its region (its words are read alone)
  await expect(
    train
      .getByRole('status')
      .filter({ hasText: /^Training finished/ })
      .getByRole('link'),
  ).toHaveCount(0);
  await expect(tryIt).toHaveAttribute('href', '#step-deploy');
  await expect(evaluate).toHaveAttribute('href', '#step-evaluate');

  // Deploy sits beside the page on a wide screen: the page stays, Try it is in view, Deploy has the focus and the mark
  const deploy = page.getByRole('region', { name: 'Step: Deploy' });
  await tryIt.click();
  await expect(deploy).toBeFocused();
  await expect(page.getByRole('region', { name: 'Try it' })).toBeInViewport();
  await expect(stepLink(page, 'Deploy')).toHaveAttribute('aria-current', 'step');
  await expect(deploy).toHaveAttribute('data-flash', '');
  await expect(train).toBeInViewport();

  // from the keyboard, as the step bar's links: Evaluate is brought under the bar, focused and marked
  await evaluate.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Step: Evaluate' })).toBeFocused();
  await expect(stepLink(page, 'Evaluate')).toHaveAttribute('aria-current', 'step');
  await markedIsOnScreen(page);
  expect(new URL(page.url()).hash).toBe('#step-evaluate');

  // one column: Deploy is below Evaluate, and Try it takes the page down to it
  await page.setViewportSize(PHONE);
  await tryIt.click();
  await expect(deploy).toBeFocused();
  await expect(page.getByRole('region', { name: 'Try it' })).toBeInViewport();
  await expect(stepLink(page, 'Deploy')).toHaveAttribute('aria-current', 'step');
  await markedIsOnScreen(page);
});

/** Deploy's column: how far it is scrolled, how much is left below, and its edges' fades as laid out. */
/** the page's height and where Evaluate starts in it: a layout still growing changes them */
const pageLayout = (page: Page) =>
  page.evaluate(() => {
    const evaluate = document.getElementById('step-evaluate')!.getBoundingClientRect().top + scrollY;
    return `${document.documentElement.scrollHeight}:${Math.round(evaluate)}`;
  });

/** the layout once two reads 300 ms apart agree (the test's own time limit bounds the wait) */
async function settledLayout(page: Page): Promise<string> {
  let last = await pageLayout(page);
  for (;;) {
    await page.waitForTimeout(300);
    const now = await pageLayout(page);
    if (now === last) return now;
    last = now;
  }
}

const deployColumn = (page: Page) =>
  page.locator('#step-deploy').evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      scrolled: el.scrollTop,
      left: el.scrollHeight - el.clientHeight - el.scrollTop,
      above: style.getPropertyValue('--more-above'),
      below: style.getPropertyValue('--more-below'),
      mask: style.maskImage,
    };
  });

test('Deploy picked with a model shows Export whole on a wide screen, and the column fades at an edge with more past it', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.setViewportSize(DESKTOP);
  await studioReady(page, '/');
  await addSmallProject(page, { classes: ['digit_0', 'digit_1', 'digit_2'], perClass: 6 });
  // no toast covers the window's bottom: the page scrolls what a step link shows clear of one
  await dismissAdded(page);
  await trainToEnd(page, { epochs: 2, views: 0 });
  const deploy = page.getByRole('region', { name: 'Step: Deploy' });
  // Evaluate laid out whole first (its parts come a frame apart, the matrix and the run's details
  // last): at the page's end, the step link's scroll was clamped short, and the parts that came
  // after it moved the page on by their height (478 px) after the position was read
  await expect(page.getByRole('table', { name: /^Confusion matrix/ })).toBeVisible();
  await expect(page.getByTestId('run-more')).toBeAttached();
  // and the page above it settled: what grew there after the run's end (the settings opening again)
  // moved the page on by scroll anchoring once the position was read (713 px on the CI machine)
  await settledLayout(page);
  await stepLink(page, 'Evaluate').click();
  const before = await page.evaluate(() => scrollY);
  await stepLink(page, 'Deploy').click();
  await expect(deploy).toBeFocused();
  // the downloads whole (the zip's button was cut at the window's edge, ONNX and TFLite under it);
  // the page stays, and the column shows the end of Try it above them
  await expect(page.getByRole('region', { name: 'Export', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('region', { name: 'Try it', exact: true })).toBeInViewport();
  expect(await page.evaluate(() => scrollY)).toBe(before);
  await expect(page.getByRole('region', { name: 'Step: Evaluate' })).toBeInViewport();

  // while the ring flashes round the column no fade clips it (read in one go: the flash lasts 1.6 s,
  // which a loaded machine can spend before the first read)
  const flashing = await page
    .locator('#step-deploy')
    .evaluate((el) => ({ flash: el.hasAttribute('data-flash'), mask: getComputedStyle(el).maskImage }));
  if (flashing.flash) expect(flashing.mask).toBe('none');
  await expect(deploy).not.toHaveAttribute('data-flash', { timeout: 5_000 });
  await page.locator('#step-deploy').evaluate((el) => el.scrollTo(0, 0));
  // at the top: the bottom edge fades (no scrollbar shows on macOS or in a headless browser), not the top
  await expect.poll(() => deployColumn(page)).toMatchObject({ scrolled: 0, above: '0px', below: '48px' });
  expect((await deployColumn(page)).mask).toContain('linear-gradient');
  // at the end: the bottom no longer fades, the top does
  await page.locator('#step-deploy').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(() => deployColumn(page)).toMatchObject({ left: 0, above: '48px', below: '0px' });

  // Try it still leads to the column's top
  await stepLink(page, 'Train').click();
  await page.getByRole('region', { name: 'Step: Train' }).getByRole('link', { name: 'Try it', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Try it', exact: true })).toBeInViewport({ ratio: 1 });
  expect((await deployColumn(page)).scrolled).toBe(0);

  // a column that comes to fit (a new project has no Export) fades nowhere: scrolled to its end
  // before, its last fade stayed, greying out Try it's heading
  await page.locator('#step-deploy').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(() => deployColumn(page)).toMatchObject({ left: 0, above: '48px' });
  await page.getByRole('button', { name: 'New project', exact: true }).click();
  await page.getByRole('button', { name: 'Start new project' }).click();
  await expect(page.getByRole('region', { name: 'Export', exact: true })).toHaveCount(0);
  await expect.poll(async () => (await deployColumn(page)).mask).toBe('none');
});

test("the steps keep their places as their statuses change, and a run's share is the Train panel's bar", async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.setViewportSize(DESKTOP);
  await studioReady(page, '/');
  await addSmallProject(page, { classes: ['digit_0', 'digit_1', 'digit_2'], perClass: 12 });
  const steps = page.locator('nav.steps li');
  const boxes = () =>
    steps.evaluateAll((lis) =>
      lis.map((li) => {
        const { left, width } = li.getBoundingClientRect();
        return [Math.round(left), Math.round(width)];
      }),
    );
  const before = await boxes();
  // five equal columns
  for (const [, width] of before) expect(Math.abs(width - before[0][1])).toBeLessThanOrEqual(1);

  // three blocks trainable: the Model step's status grows long, and no step moves (they moved 9-29 px);
  // the blocks come first, where a narrow column does not cut them
  const map = page.getByRole('slider', { name: 'Layer map' });
  await map.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  const model = page.getByTestId('step-status-model');
  await expect(model).toHaveText(/^top 3 trainable · MobileNet/);
  expect(await boxes()).toEqual(before);
  // cut short in its column, whole in its tooltip and in the link's name
  await expect(model).toHaveAttribute('title', (await model.textContent())!);
  await expect(stepLink(page, 'Model')).toHaveAccessibleName(/^2 Model: top 3 trainable · MobileNet/);
  await page.keyboard.press('End');
  await expect(model).not.toHaveText(/top/);

  // a head-only run with views (two phases): the Train step says the bar's share, and apart from it the
  // stage under way with its count as the panel says it ("77% · epoch 23/30"): "epochs 75%" at epoch
  // 14 of 400 read as the epochs' share
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('30');
  // one image a batch, so that each stage outlasts several of the worker's messages (one each 200 ms):
  // at 32 the 30 epochs took 0.2 s here, one message, and the whole run 1.8 s, 0.6-0.9 s on the
  // project's CI machine (2-3 times faster), too few messages to move the bar within the stages;
  // at 1 the epochs take 3.6 s here and the first model 1.4 s (at 2: 1.6 s and 0.6 s)
  await page.getByLabel('Batch size').fill('1');
  // every frame's state, recorded in the page: sampled from the test every 100 ms, a fast machine's
  // run (3 s in a CI run) gave too few samples to see the bar move within a stage
  await page.evaluate(() => {
    const seen: Seen[] = [];
    (window as unknown as { seenRun: Seen[] }).seenRun = seen;
    const look = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Training progress"]');
      const now = document.querySelector('ol[aria-label="Run stages"] [aria-current="step"]');
      const stage = now?.firstChild?.textContent;
      const words = document.querySelector('[data-testid="step-status-train"]')!.textContent!;
      if (bar && stage) {
        const s = { bar: bar.value / bar.max, words, stage, counted: now.textContent! };
        const last = seen.at(-1);
        if (!last || JSON.stringify(last) !== JSON.stringify(s)) seen.push(s);
      } else if (seen.length) return;
      if (words !== 'finished') requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('step-status-train')).toHaveText('finished', { timeout: TRAIN_MS });
  const seen = await page.evaluate(() => (window as unknown as { seenRun: Seen[] }).seenRun);
  // states enough to read the words against the bar
  expect(seen.length).toBeGreaterThan(6);
  // the step bar's short names; a stage not counted yet names what it will count
  const short = (name: string) => (name === 'GPU warm-up' ? 'warm-up' : name);
  const uncounted: Record<string, string> = { epoch: 'epochs' };
  for (const [i, s] of seen.entries()) {
    const [, percent, what] = /^(\d+)% · (.+)$/.exec(s.words) ?? [];
    const counted = s.counted !== s.stage;
    expect(what, `${s.words} under ${s.counted}`).toBe(
      counted ? short(s.stage) + s.counted.slice(s.stage.length) : (uncounted[s.stage] ?? short(s.stage)),
    );
    expect(Math.abs(Number(percent) - Math.floor(s.bar * 100)), `${s.words} beside ${s.bar}`).toBeLessThanOrEqual(1);
    if (i) expect(s.bar, `after ${seen[i - 1].words}: ${s.words}`).toBeGreaterThanOrEqual(seen[i - 1].bar);
  }
  expect(seen.map((s) => s.words)).toContainEqual(expect.stringMatching(/^\d+% · epoch \d+\/30$/));
  // the bar moves within the stages, not only from one to the next
  expect(new Set(seen.map((s) => s.bar)).size).toBeGreaterThan(new Set(seen.map((s) => s.stage)).size + 3);
});
