import { expect, test, type Page } from '@playwright/test';
import {
  addFolder,
  dismissAdded,
  downloadProject,
  LONG_TEST_MS,
  makeDatasetFolder,
  openProjectZip,
  SLOW_STEP_MS,
  studioReady,
  undoToast,
} from './fixtures';
import { trainSmallProject } from './train-small';

/** Where the keyboard focus is: the element, the results tile it is in (or is), its step, whether it shows. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      cls: el?.getAttribute('class') ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      keys: el?.getAttribute('aria-keyshortcuts') ?? '',
      // which tile of its gallery it is in (or is): -1, none
      tile: (() => {
        const li = el?.closest('ul.gallery > li');
        return li ? [...li.parentElement!.children].indexOf(li) : -1;
      })(),
      isTile: el?.matches('ul.gallery > li') ?? false,
      step: el?.closest('[id^="step-"]')?.id ?? null,
      inView: !!box && box.bottom > 0 && box.top < innerHeight,
    };
  });

/** The focus, once a hand-over (a frame or more after the removal is drawn) has settled: `want` holds of it. */
async function focusSettles(page: Page, want: (f: Awaited<ReturnType<typeof focused>>) => boolean): Promise<void> {
  await expect.poll(async () => want(await focused(page)), { timeout: 10_000 }).toBe(true);
}

test("a results tile's Delete, Ctrl+Z, and its toast's Undo and × keep the focus where the person works", async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await trainSmallProject(page, { classes: ['digit_1', 'digit_2', 'digit_3'], perClass: 8, epochs: 2, views: 0 });

  // with no toast up, Alt+Z does nothing
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.focus();
  await expect(page.getByRole('region', { name: 'Undo' })).toHaveCount(0);
  await page.keyboard.press('Alt+z');
  await expect(train).toBeFocused();

  // a cell of the matrix opens its validation images
  // a cell with images is a button (an empty one is not)
  const cell = page
    .getByRole('table', { name: /^Confusion matrix/ })
    .getByRole('button')
    .first();
  await cell.focus();
  await page.keyboard.press('Enter');
  const gallery = page.getByRole('region', { name: /^Validation images: / });
  await expect(gallery.getByRole('img').first()).toBeVisible({ timeout: SLOW_STEP_MS });
  const tiles = await gallery.getByRole('listitem').count();
  const last = tiles - 1;

  await test.step('Delete, tile by tile: the next tile takes the focus, the last tile itself', async () => {
    await gallery
      .getByRole('button', { name: /^Delete / })
      .first()
      .focus();
    for (let i = 0; i < tiles; i++) {
      await page.keyboard.press('Enter');
      await expect(gallery.getByText('Deleted', { exact: true })).toHaveCount(i + 1);
      if (i !== last) await focusSettles(page, (f) => f.cls === 'tile-delete' && f.tile === i + 1);
      // the tile, not its "Deleted" words (the undo takes them away)
      else await focusSettles(page, (f) => f.isTile && f.tile === last && f.inView);
    }
  });

  await test.step("Ctrl+Z: the focus goes on to the tile's first control as its image comes back", async () => {
    await page.keyboard.press('Control+z');
    await expect(gallery.getByText('Deleted', { exact: true })).toHaveCount(tiles - 1);
    await focusSettles(
      page,
      (f) => f.tile === last && !f.isTile && (f.tag === 'select' || f.tag === 'button') && f.inView,
    );
  });

  await test.step('Alt+Z reaches the newest toast; its Undo gives the focus to the tile it put back', async () => {
    for (let i = 0; i < 4 && (await focused(page)).cls !== 'tile-delete'; i++) await page.keyboard.press('Tab');
    expect((await focused(page)).tile).toBe(last);
    await page.keyboard.press('Enter');
    await focusSettles(page, (f) => f.isTile && f.tile === last);
    await page.keyboard.press('Alt+z');
    await focusSettles(page, (f) => f.cls === 'undo-run' && f.keys === 'Control+Z Alt+Z');
    await page.keyboard.press('Enter');
    await expect(gallery.getByText('Deleted', { exact: true })).toHaveCount(tiles - 1);
    // not the Data step 4,000 px above (the step bar went there with it)
    await focusSettles(page, (f) => f.tile === last && !f.isTile && f.inView && f.step === 'step-evaluate');
    const steps = page.getByRole('navigation', { name: 'Steps' });
    await expect(steps.getByRole('link', { name: /^4 Evaluate/ })).toHaveAttribute('aria-current', 'step');
  });

  // a class's move button (the tile's Delete and the select's Move are not)
  const isMove = (f: { cls: string }) => f.cls.split(' ')[0] === 'tile-move';

  await test.step('a move, then its toast closed with ×: the focus goes back where it was', async () => {
    // three classes: the tile's first control is a move to another class, a button of its own
    for (let i = 0; i < 6 && !(isMove(await focused(page)) && (await focused(page)).tile === last); i++)
      await page.keyboard.press('Shift+Tab');
    expect(isMove(await focused(page))).toBe(true);
    const before = (await focused(page)).label;
    await page.keyboard.press('Enter');
    await expect(gallery).toContainText('train again to update the results');
    // the button stays under the focus and offers the next class, the way back first
    await focusSettles(page, (f) => isMove(f) && f.tile === last && f.label !== before);
    const pressed = (await focused(page)).label;
    await page.keyboard.press('Alt+z');
    await focusSettles(page, (f) => f.cls === 'undo-run');
    await page.keyboard.press('Tab');
    await focusSettles(page, (f) => f.label.startsWith('Dismiss: Moved 1 image to'));
    await page.keyboard.press('Enter');
    await focusSettles(page, (f) => f.label === pressed && f.tile === last && f.inView && f.step === 'step-evaluate');
  });

  await test.step("Ctrl+Z on the toast's Undo hands the focus back as its click does (it fell to the page)", async () => {
    // the tile's line says where the move above took it; a second move, to the class not yet visited, changes it, its undo puts it back
    const changed = gallery.getByRole('listitem').nth(last).locator('.changed');
    const before = await changed.innerText();
    await page.keyboard.press('Tab');
    expect(isMove(await focused(page))).toBe(true);
    const second = (await focused(page)).label;
    await page.keyboard.press('Enter');
    await expect.poll(() => changed.innerText({ timeout: 500 }).catch(() => '')).not.toBe(before);
    await focusSettles(page, (f) => isMove(f) && f.tile === last && f.label !== second);
    const pressed = (await focused(page)).label;
    await page.keyboard.press('Alt+z');
    await focusSettles(page, (f) => f.cls === 'undo-run');
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('group', { name: /^Moved 1 image to / })).toHaveCount(0);
    await expect(changed).toHaveText(before);
    // the image back, the button offers again the class it was moved to
    await focusSettles(
      page,
      (f) => f.label === second && f.label !== pressed && f.tile === last && f.inView && f.step === 'step-evaluate',
    );
  });
});

/** Every change said by a live region, in order (a region that is aria-live="off" says nothing). */
async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __said: string[] };
    w.__said = [];
    const live = '[role="status"], [role="alert"], [aria-live]';
    new MutationObserver((records) => {
      for (const r of records) {
        const at = r.target instanceof Element ? r.target : r.target.parentElement;
        const region = at?.closest(live);
        if (!region || region.getAttribute('aria-live') === 'off') continue;
        const text = region.textContent ?? '';
        if (text && w.__said.at(-1) !== text) w.__said.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const said = (page: Page, about: RegExp) =>
  page.evaluate(
    (source) => (window as unknown as { __said: string[] }).__said.filter((t) => new RegExp(source).test(t)),
    about.source,
  );

test('New and Open project are each said once: what was done, its counts, and the undo offered', async ({ page }) => {
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_1', 'digit_2'], 4), '4 images in digit_2');
  const zip = await downloadProject(page, 'p.zip');
  await listen(page);
  const keys = '(Ctrl+Z to undo, Alt+Z to go to it).';

  await page.getByRole('button', { name: 'New project' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Start new project' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('0 classes, 0 images')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Step: Data/ })).toBeFocused();
  // the toast shows what was done, with its Undo; the bar's line says it with the undo's words, out of
  // sight (shown too, it grew the header and moved the page under it)
  await expect(undoToast(page, 'Started a new project')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Started a new, empty project.' })).toHaveClass(
    /visually-hidden/,
  );
  await expect
    .poll(() => said(page, /Started a new/))
    .toEqual([`Started a new, empty project. Undo is offered for 15 seconds ${keys}`]);

  await page.keyboard.press('Control+z');
  await expect(page.getByText('2 classes, 8 images')).toBeVisible({ timeout: SLOW_STEP_MS });

  await openProjectZip(page, zip, true);
  await expect(page.getByText('Opened p.zip: 2 classes, 8 images.')).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  await expect
    .poll(() => said(page, /^Opened p\.zip/))
    .toEqual([`Opened p.zip: 2 classes, 8 images. Undo is offered for 15 seconds ${keys}`]);
  // undone, its own toast says what was done, its Undo the way forward again (not an offer to go back)
  await page.keyboard.press('Control+z');
  await expect(undoToast(page, 'Went back to the earlier project')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(undoToast(page, 'Opened p.zip')).toHaveCount(0);
});

test("Ctrl+Z with nothing to undo leaves a class name the studio tidied as it is: the browser's own undo does not type it again", async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1'], 4), '4 images in digit_1');
  // nothing to undo: the adding's own offer goes first
  await dismissAdded(page);
  const field = (name: string) =>
    page.getByRole('region', { name: `Class ${name}` }).getByRole('textbox', { name: 'Class name' });
  // typed with a trailing space, kept trimmed on leaving the field
  await field('digit_0').fill('Forest ');
  await page.getByRole('heading', { name: 'Data' }).first().click();
  await expect(field('Forest')).toHaveValue('Forest');
  // outside any text field, with no undo offered: the browser's undo had reached back into the
  // field and typed the name again ("Forestdigit_0"), which the autosave kept
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  await expect(field('Forest')).toHaveValue('Forest');
  await expect(page.getByRole('textbox', { name: 'Class name' })).toHaveCount(2);
  await expect(field('digit_1')).toHaveValue('digit_1');
  // inside a text field, Ctrl+Z is still the browser's undo of typing
  await field('digit_1').click();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await expect(field('digit_1x')).toHaveValue('digit_1x');
  await page.keyboard.press('Control+z');
  await expect(field('digit_1')).toHaveValue('digit_1');
});
