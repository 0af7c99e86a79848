import { expect, test } from '@playwright/test';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, openBackendChoice, SLOW_STEP_MS } from './fixtures';
import { trainSmallProject } from './train-small';

test('a loaded backbone is kept in IndexedDB: the next visit loads it with the network blocked', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the local copy/)).toBeVisible({ timeout: SLOW_STEP_MS });
  let blocked = 0;
  await page.route(/model\.json|shard|weights\.bin|tfhub|googleapis/, (route) => {
    blocked++;
    return route.abort('internetdisconnected');
  });
  await page.reload();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the offline cache/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  expect(blocked).toBe(0);
});

test('no copy reachable: a clear message naming every place tried, and the choice can be retried', async ({ page }) => {
  await page.route(/model\.json/, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  const alert = page.getByRole('alert');
  // after every place has been tried
  await expect(alert).toContainText('Could not load MobileNet v1 α0.25', { timeout: SLOW_STEP_MS });
  await expect(alert).toContainText('local copy');
  await expect(alert).toContainText('hosted copy');
  await expect(alert).toContainText('load its model.json and weight files from disk');
  await expect(alert).not.toContainText('Failed to parse model JSON');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

  await page.unroute(/model\.json/);
  // back online, the same choice is tried again from the message (its radio was already ticked)
  await page.getByRole('button', { name: 'Try loading MobileNet v1 α0.25 again' }).click();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the local copy/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).check();
  await expect(page.getByText(/Loaded MobileNetV2 α0\.35 from the local copy/)).toBeVisible({ timeout: SLOW_STEP_MS });
});

test('every listed backbone shows its facts and loads, the graph model included', async ({ page }) => {
  await page.goto('/');
  const list = page.getByRole('group', { name: 'Pre-trained backbone' });
  await expect(list.getByRole('radio')).toHaveCount(5);
  // each card's title, as seen, tells it from the others: the layers and the graph MobileNet v1 both read
  // "MobileNet v1 α0.25"
  const titles = await list.locator('.backbone-name').evaluateAll((els) =>
    els.map((el) => {
      const seen = el.cloneNode(true) as HTMLElement;
      // what is on screen: the visually hidden whole name out (its aria-hidden short title is what shows)
      seen.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return seen.textContent!.trim();
    }),
  );
  expect(titles).toEqual([
    'MobileNet v1 α0.25',
    'MobileNetV2 α0.35',
    'MobileNet v1 α0.25 (graph model)',
    'MobileNet v1 α0.25 at 320 px',
    'MobileNetV2 α0.35 at 320 px',
  ]);
  // an option is named by its backbone and facts, and described by what it is good for; its card shows
  // that and its size, the rest is under one fold (five-line cards were read as a wall of text)
  const v1 = list.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ });
  await expect(v1).toHaveAccessibleName(/fine-tunable$/);
  await expect(v1).toHaveAccessibleDescription('Smallest and fastest; good for the webcam and phones.');
  const card = list.locator('label').filter({ has: page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ }) });
  await expect(card.getByText('loads from', { exact: false })).toHaveCount(0);
  // the facts past its size stay in its name, out of sight
  await expect(card.locator('.backbone-facts')).toHaveText('1.9 MB · input 224×224 · 384 features · fine-tunable');
  await expect(card.locator('.backbone-facts .visually-hidden')).toHaveText(
    ' · input 224×224 · 384 features · fine-tunable',
  );
  const about = page.locator('details.backbones-about');
  await about.getByText('About these backbones').click();
  // shown, the sources are their hosts (whole URLs took four lines of a card on a phone), whole in the tooltip
  const source = about
    .getByRole('listitem')
    .filter({ hasText: /^MobileNet v1 α0\.25:/ })
    .locator('.backbone-source');
  await expect(source).toHaveText('loads from this site, then storage.googleapis.com');
  await expect(source).toHaveAttribute(
    'title',
    /https:\/\/storage\.googleapis\.com\/tfjs-models\/tfjs\/mobilenet_v1_0\.25_224\/model\.json$/,
  );
  await expect(about).toContainText('1472 features');
  await expect(about).toContainText('input 224×224');
  await expect(about).toContainText('cannot be fine-tuned');
  // the 320-px trade is said once, not on each of its two cards
  await expect(page.getByText(/feed the same weights 320-pixel images/)).toHaveCount(1);
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByRole('radio', { name: /graph model/ }).check();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 \(graph model/)).toBeVisible({ timeout: SLOW_STEP_MS });
  // the same weights declared at 320 px: the choice says when it pays, and it loads
  const at320 = list.getByRole('radio', { name: /^MobileNet v1 α0\.25 at 320 px 1\.9 MB · input 320×320/ });
  await expect(at320).toHaveAccessibleDescription('Sees more detail in large photos; about 1.7× slower.');
  await at320.check();
  // its files are its 224-px twin's, kept in the offline cache when the twin loaded: not fetched again
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 at 320 px from the offline cache/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
});

test('large photos are pointed to the 320-px backbone and small images back to 224 px, each one click', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from/)).toBeVisible({ timeout: SLOW_STEP_MS });
  const advice = page.getByTestId('resolution-advice');
  // tf-flowers' photos are 240-500 px: the 320-px twin is advised, with what it gains and costs
  await addFolder(page, makeDatasetFolder('tf-flowers', ['daisy', 'rose'], 6), '6 images in rose');
  await expect(advice).toContainText('Your images are large (half of them', { timeout: SLOW_STEP_MS });
  await expect(advice).toContainText('about 1.7× slower');
  await advice.getByRole('button', { name: 'Use MobileNet v1 α0.25 at 320 px' }).click();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 at 320 px/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('radio', { name: /^MobileNet v1 α0\.25 at 320 px/ })).toBeChecked();
  await expect(advice).toHaveCount(0);
  // a project of 100-px hand signs on it: back to 224 px, where they are not enlarged for nothing
  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('alertdialog', { name: 'Start a new project?' })
    .getByRole('button', { name: 'Start new project' })
    .click();
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1'], 6), '6 images in digit_1');
  await expect(advice).toContainText('Your images are small (half of them 100 px or less', { timeout: SLOW_STEP_MS });
  await advice.getByRole('button', { name: 'Use MobileNet v1 α0.25', exact: true }).click();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(advice).toHaveCount(0);
});

test('the compute backend can be overridden; the backbone is reloaded onto it and training works there', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  // the choice waits folded under the line that says what runs; the header's backend link opens it
  const backend = page.getByRole('combobox', { name: 'Backend' });
  await expect(backend).toBeHidden();
  await expect(page.locator('#backend-choice > summary')).toContainText(/^Runs on wasm — /);
  await page.getByRole('link', { name: /^Backend wasm/ }).click();
  await expect(backend).toBeVisible();
  await expect(backend.getByRole('option')).toContainText(['wasm', 'cpu']);
  await backend.selectOption('cpu');
  await expect(page.getByTestId('active-backend')).toHaveText('cpu', { timeout: SLOW_STEP_MS });
  await expect(page.getByText('chosen by you')).toBeVisible();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the offline cache/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });

  await trainSmallProject(page, { classes: ['digit_0', 'digit_4'], perClass: 6, epochs: 3 });
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText('3 epochs on cpu');

  // another backbone puts the model aside; picking this one again brings it and its results back
  await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).check();
  await expect(page.getByTestId('model-in-use')).toContainText('Your model was trained on MobileNet v1 α0.25', {
    timeout: SLOW_STEP_MS,
  });
  await page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ }).check();
  await expect(page.getByTestId('model-in-use')).toContainText(
    /Model: trained (today|yesterday) at \d{1,2}:\d{2}.* \(2 classes\)/,
    {
      timeout: SLOW_STEP_MS,
    },
  );
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText('3 epochs on cpu');

  // the pick is remembered on this hardware: the next visit starts on cpu, and says why
  await page.reload();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('active-backend')).toHaveText('cpu');
  await expect(page.getByText('cpu — chosen by you on an earlier visit')).toBeVisible();

  // the way back to what the studio picks by itself, with its reason; the next visit chooses again
  await openBackendChoice(page);
  const recommended = page.getByRole('button', { name: 'Use the recommended backend (wasm)' });
  await expect(recommended).toHaveAccessibleDescription('no hardware GPU found; wasm is the fastest CPU backend');
  await recommended.click();
  await expect(page.getByTestId('active-backend')).toHaveText('wasm', { timeout: SLOW_STEP_MS });
  await expect(page.locator('#backend-choice > summary')).toHaveText(
    'Runs on wasm — no hardware GPU found; wasm is the fastest CPU backend',
  );
  await expect(recommended).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText('3 epochs on cpu', {
    timeout: SLOW_STEP_MS,
  });
  await page.reload();
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('active-backend')).toHaveText('wasm');
  await expect(page.locator('#backend-choice > summary')).toContainText('no hardware GPU found');
});

test('backbones from the keyboard: the arrows pass every option and load none; Enter or Use loads the one chosen', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the/)).toBeVisible({ timeout: SLOW_STEP_MS });
  const list = page.getByRole('group', { name: 'Pre-trained backbone' });
  const options = list.getByRole('radio');
  await expect(options).toHaveCount(5);
  const status = page.getByRole('region', { name: 'Backbone' }).getByRole('status');
  // everything the picker's status says from now on, and every backbone file asked for (the worker's too)
  await status.evaluate((region) => {
    const said: string[] = [];
    Object.assign(window, { said });
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  const asked: string[] = [];
  page.on('request', (r) => /model\.json|shard|\.bin\b|tfhub|googleapis/.test(r.url()) && asked.push(r.url()));
  const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
  const use = list.getByRole('button', { name: /^Use / });

  await options.first().focus();
  for (let i = 1; i < 5; i++) {
    await page.keyboard.press('ArrowDown');
    const option = options.nth(i);
    await expect(option).toBeChecked();
    await expect(option).toBeFocused();
    // what to do is said with the option, and its button is beside it
    await expect(option).toHaveAccessibleDescription(/^Not loaded yet: press Enter or the Use button to load it\./);
    await expect(use).toHaveCount(1);
  }
  // a moment for a load to show if one had started
  await page.waitForTimeout(1500);
  expect(await said()).toEqual([]);
  expect(asked).toEqual([]);
  await expect(status).toHaveText(/^Loaded MobileNet v1 α0\.25 from the/);

  // Enter loads the option the arrows reached, which keeps the focus; the list is not disabled under it
  const graph = list.getByRole('radio', { name: /graph model/ });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(graph).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^Loaded MobileNet v1 α0\.25 \(graph model.* from the/, { timeout: SLOW_STEP_MS });
  await expect(graph).toBeChecked();
  await expect(graph).toBeFocused();
  await expect(list).toBeEnabled();
  await expect(use).toHaveCount(0);

  // its Use button loads it too, and hands the focus to the option it loaded
  const v2 = list.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await expect(list.getByRole('button', { name: 'Use MobileNetV2 α0.35' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^Loaded MobileNetV2 α0\.35 from the/, { timeout: SLOW_STEP_MS });
  await expect(v2).toBeChecked();
  await expect(v2).toBeFocused();

  // Escape gives a mark up: the option in use is ticked and focused again, and nothing loads
  await page.keyboard.press('ArrowDown');
  await expect(graph).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(v2).toBeChecked();
  await expect(v2).toBeFocused();
  await expect(use).toHaveCount(0);
  await expect(status).toHaveText(/^Loaded MobileNetV2 α0\.35 from the/);
});
