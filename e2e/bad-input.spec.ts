import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { brokenPng, classImages, LONG_TEST_MS, MODELS, SLOW_STEP_MS, TRAIN_MS } from './fixtures';
import { peakGrowthMB, peakMemoryMB } from './process-memory';

// Names that would run script if they were ever treated as markup.
const HOSTILE_CLASS = '<img src=x onerror=window.__pwned=1> ünïcödé 猫 🐱';
const LONG_CLASS = `L${'o'.repeat(180)}ng class`;
const HOSTILE_FILE = '"><svg onload=window.__pwned=2> 写真 😀.jpg';

const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.__pwned=3</script></svg>';

/** A PNG whose header claims 20,000 × 20,000 pixels: 1.6 GB once decoded. */
async function hugeHeaderPng(): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
    .png()
    .toBuffer();
  png.writeUInt32BE(20_000, 16);
  png.writeUInt32BE(20_000, 20);
  return png;
}

async function badFolder(): Promise<string> {
  const root = join(mkdtempSync(join(tmpdir(), 'studio-bad-')), 'bad');
  const hostile = join(root, HOSTILE_CLASS);
  const long = join(root, LONG_CLASS);
  mkdirSync(hostile, { recursive: true });
  mkdirSync(long, { recursive: true });
  const fist = classImages('sign-language-digits', 'digit_0');
  const five = classImages('sign-language-digits', 'digit_5');
  for (const p of fist.slice(0, 5)) copyFileSync(p, join(hostile, p.split('/').pop()!));
  for (const p of five.slice(0, 5)) copyFileSync(p, join(long, p.split('/').pop()!));
  copyFileSync(fist[5], join(hostile, HOSTILE_FILE));
  const photo = readFileSync(five[5]);
  // refused when added
  writeFileSync(join(long, 'empty.jpg'), '');
  writeFileSync(join(long, 'paper.pdf'), '%PDF-1.4\n%%EOF\n');
  writeFileSync(join(long, 'drawing.svg'), SVG_WITH_SCRIPT);
  // refused by content, each with its reason, when added (its bytes are read then)
  writeFileSync(join(long, 'notes.jpg'), 'this is text, not a JPEG');
  writeFileSync(join(long, 'half.jpg'), photo.subarray(0, Math.floor(photo.length * 0.6)));
  writeFileSync(join(long, 'disguised.png'), SVG_WITH_SCRIPT);
  writeFileSync(join(long, 'huge-header.png'), await hugeHeaderPng());
  // odd but good: decoded and trained
  await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#c08060' } })
    .jpeg({ quality: 40 })
    .toFile(join(long, 'huge.jpg'));
  await sharp({ create: { width: 1, height: 1, channels: 3, background: '#204080' } })
    .png()
    .toFile(join(long, 'dot.png'));
  const frame = (c: string) => sharp(photo).resize(64, 64).flatten({ background: c }).png().toBuffer();
  await sharp(
    [
      await frame('#000'),
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#f00' } })
        .png()
        .toBuffer(),
    ],
    { join: { animated: true } },
  )
    .gif({ delay: [100, 100] })
    .toFile(join(long, 'anim.gif'));
  return root;
}

async function loaded(page: Page) {
  await page.goto('/');
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25/)).toBeVisible({ timeout: SLOW_STEP_MS });
}

test('bad files are refused or reported by name with a reason; odd but valid images train; names stay text', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = await badFolder();
  await loaded(page);
  const before = peakMemoryMB();
  await page.getByLabel('Add folders…').setInputFiles(folder);

  // Refused at once, by type or because it is empty.
  const notice = page.getByRole('status').filter({ hasText: 'Skipped' });
  await expect(notice).toContainText(
    'Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): paper.pdf',
  );
  // a format people take for an image is named as such, with what to do
  await expect(notice).toContainText(
    'Skipped 1 image in a format browsers cannot decode (SVG): drawing.svg; export it as JPEG or PNG',
  );
  await expect(notice).toContainText('Skipped 1 empty file (0 bytes): empty.jpg');
  await expect(notice).toContainText('Skipped 4 images that cannot be read: ');
  // named with their reasons, three of them (in the order read), the fourth counted
  const reasons = [
    'notes.jpg: it holds text, not image data',
    'half.jpg: the JPEG is truncated (the file ends before the image data does)',
    'disguised.png: it is an SVG drawing; vector images are not supported (export it as PNG)',
    'huge-header.png: it is 20000×20000 pixels (400 megapixels); a PNG is decoded at full size, so the limit is 100 megapixels (save it smaller, or as JPEG)',
  ];
  await expect(notice).toContainText('; and 1 more');
  const said = (await notice.textContent()) ?? '';
  expect(reasons.filter((r) => said.includes(r))).toHaveLength(3);
  await expect(page.getByLabel(`6 images in ${HOSTILE_CLASS}`)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByLabel(`8 images in ${LONG_CLASS}`)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('img', { name: HOSTILE_FILE })).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('textbox', { name: 'Class name' }).first()).toHaveValue(HOSTILE_CLASS);

  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('3');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });

  // nothing was left to be found unreadable at training time
  await expect(page.getByText(/could not be read and w(as|ere) left out/)).toHaveCount(0);
  // 10,000², 1×1 and the animated GIF trained: 6 + 8 images, the split's counts made of these alone
  await expect(page.getByText(/11 training and 3 validation images/)).toBeVisible();

  const table = page.getByRole('table', { name: 'Per-class validation metrics' });
  await expect(table.getByRole('rowheader', { name: HOSTILE_CLASS, exact: true })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: LONG_CLASS, exact: true })).toBeVisible();

  // A new image, and a bad one, in "Try it": the bad one is named, the model stays usable.
  const tryInput = page.getByLabel('Choose an image to classify');
  await tryInput.setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4 nope') });
  await expect(page.getByRole('alert')).toContainText('fake.jpg: not a readable image: it is a PDF document', {
    timeout: SLOW_STEP_MS,
  });
  await tryInput.setInputFiles(classImages('sign-language-digits', 'digit_0')[40]);
  await expect(page.getByTestId('prediction')).toBeVisible({ timeout: SLOW_STEP_MS });

  // Nothing the user named became markup or ran.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);

  // The 10,000 × 10,000 JPEG was decoded downscaled: a full decode alone is 400 MB.
  const grown = peakGrowthMB(before);
  console.log(`peak renderer memory grew by ${grown} MB`);
  expect(grown).toBeLessThan(300);
});

test('0 or 1 class, empty and one-image classes, duplicate names and duplicate images: each explained', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await loaded(page);
  const problems = page.getByRole('list', { name: 'Before you can train' });
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(problems).toContainText('Training needs at least 2 classes; there are 0.');
  await expect(train).toBeDisabled();

  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(problems).toContainText('Training needs at least 2 classes; there is 1.');
  await expect(problems).toContainText(
    'Class "Class 1" has 0 readable images; it needs at least 2 (one to train on, one to validate).',
  );
  const [a, b, c] = classImages('sign-language-digits', 'digit_3');
  await page.getByLabel('Add images to Class 1').setInputFiles([a]);
  await expect(problems).toContainText('Class "Class 1" has 1 readable image; it needs at least 2');
  // said on the class's card too, and the Train step's words lead to the card
  const card = page.getByRole('region', { name: 'Class Class 1', exact: true });
  await expect(card).toHaveAccessibleDescription('Needs at least 2 images to train: add 1 more.');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await problems.getByRole('link', { name: 'Go to class "Class 1"' }).click();
  await expect(card).toBeInViewport();

  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByLabel('Add images to Class 1').setInputFiles([b]);
  // the same photo in both classes, and twice in one
  await page.getByLabel('Add images to Class 2').setInputFiles([a, c]);
  await page.getByLabel('Add images to Class 2').setInputFiles([c]);
  const warnings = page.getByRole('list', { name: 'Dataset warnings' });
  const [na, nc] = [a, c].map((p) => p.split('/').pop());
  // found by reading the images' bytes
  await expect(warnings).toContainText(
    `The same image is in 2 classes: "${na}" (Class 1), "${na}" (Class 2). The model is taught two answers for one picture; keep it in one class.`,
    { timeout: SLOW_STEP_MS },
  );
  await expect(warnings).toContainText(`The same image is in "Class 2" 2 times: "${nc}", "${nc}".`);
  // warnings do not block: a demanding user may keep a near-duplicate on purpose
  await expect(train).toBeEnabled();

  const secondName = page.getByRole('textbox', { name: 'Class name' }).nth(1);
  await secondName.fill(' class 1 ');
  await expect(problems).toContainText('Two classes are named " class 1 ".');
  await expect(train).toBeDisabled();
  // said at the field while it is typed, and the name goes back when the field is left: "Move to",
  // a dropped folder of that name and the exported labels never meet two classes of one name
  await expect(secondName).toHaveAttribute('aria-invalid', 'true');
  await expect(secondName).toHaveAccessibleDescription(
    'Another class is named "Class 1". Enter or leaving the field puts back the name it had.',
  );
  // the other class of the clash is named there too, without the note about leaving a field it is not in
  await expect(page.getByRole('textbox', { name: 'Class name' }).first()).toHaveAccessibleDescription(
    'Another class is named "class 1".',
  );
  await secondName.press('Tab');
  await expect(secondName).toHaveValue('Class 2');
  await expect(page.getByText('"class 1" is another class\'s name: the class kept its name "Class 2".')).toBeVisible();
  await expect(secondName).not.toHaveAttribute('aria-invalid');
  await expect(train).toBeEnabled();
  await secondName.fill('');
  await expect(problems).toContainText('Class 2 has no name.');
  await expect(secondName).toHaveAccessibleDescription(
    'A class needs a name. Enter or leaving the field puts back the name it had.',
  );
  // Enter settles the name as leaving does, the focus staying in the field; Escape puts back what was typed since
  await secondName.press('Enter');
  await expect(secondName).toHaveValue('Class 2');
  await expect(secondName).toBeFocused();
  await expect(page.getByText('A class needs a name: it kept "Class 2".')).toBeVisible();
  await secondName.pressSequentially('x');
  await secondName.press('Escape');
  await expect(secondName).toHaveValue('Class 2');
  await secondName.fill('three again');

  // Removing the duplicates clears the warnings.
  await page
    .getByRole('button', { name: `Remove ${na}` })
    .nth(1)
    .click();
  await page
    .getByRole('button', { name: `Remove ${nc}` })
    .nth(1)
    .click();
  await expect(warnings).toHaveCount(0);
  await page.getByLabel('Add images to three again').setInputFiles([classImages('sign-language-digits', 'digit_3')[3]]);

  // Files whose bytes are no image are refused as they are added: the class stays empty, and says so.
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('textbox', { name: 'Class name' }).nth(2).fill('junk');
  await page.getByLabel('Add images to junk').setInputFiles([
    { name: 'a.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo') },
    { name: 'b.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('nor this') },
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'cannot be read' })).toContainText(
    'Skipped 2 images that cannot be read: a.jpg: it holds text, not image data; b.jpg: it holds text, not image data',
  );
  await expect(problems).toContainText('Class "junk" has 0 readable images');
  await expect(train).toBeDisabled();
  // A class whose files only a decoder finds broken is caught after extraction, with its name.
  await page.getByLabel('Add images to junk').setInputFiles([
    { name: 'a.png', mimeType: 'image/png', buffer: brokenPng() },
    { name: 'b.png', mimeType: 'image/png', buffer: brokenPng() },
  ]);
  await expect(train).toBeEnabled();
  await train.click();
  // found once the run has tried to extract its features
  await expect(page.getByRole('alert')).toContainText(
    'Class "junk" has 0 readable images; it needs at least 2 (one to train on, one to validate).',
    { timeout: SLOW_STEP_MS },
  );
  await expect(page.locator('details.notice')).toContainText('a.png (junk): not a readable image');
  // the rest is intact: delete the junk class and train
  await page.getByRole('button', { name: 'Delete class junk' }).click();
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('2');
  await train.click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });
});

test('broken backbone files are refused with the reason, and the loaded backbone keeps working', async ({ page }) => {
  test.setTimeout(LONG_TEST_MS);
  await loaded(page);
  const models = join(MODELS, 'mobilenet_v1_0.25_224');
  const json = JSON.parse(readFileSync(join(models, 'model.json'), 'utf8'));
  const shards: string[] = json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
  const shardFiles = shards.map((name) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(join(models, name)),
  }));
  const modelJson = (edit: (j: typeof json) => void) => {
    const j = structuredClone(json);
    edit(j);
    return { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(j)) };
  };
  const input = page.getByLabel('Load backbone from files…');
  const alert = page.getByRole('alert');
  const cases: [string, Parameters<typeof input.setInputFiles>[0], string][] = [
    [
      'non-JSON',
      [{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology": ') }, ...shardFiles],
      'chosen file model.json is not valid JSON',
    ],
    [
      '../ in a shard path',
      [modelJson((j) => (j.weightsManifest[0].paths[0] = '../../secret.bin')), ...shardFiles],
      'names an unsafe weight file "../../secret.bin"',
    ],
    [
      'a missing shard',
      [modelJson(() => undefined), ...shardFiles.slice(1)],
      `missing: choose "${shards[0]}" together with model.json`,
    ],
    [
      'absurd shapes',
      [modelJson((j) => (j.weightsManifest[0].weights[0].shape = [99999, 99999, 99, 99])), ...shardFiles],
      'its shapes are wrong',
    ],
    [
      'wrong byte length',
      [modelJson((j) => (j.weightsManifest[0].weights[0].shape = [3, 3, 3, 9])), ...shardFiles],
      'the files are incomplete or mismatched',
    ],
  ];
  for (const [what, files, message] of cases) {
    await input.setInputFiles(files);
    // each refusal comes once the files have been read and checked
    await expect(alert, what).toContainText(message, { timeout: SLOW_STEP_MS });
    await expect(alert, what).toContainText(
      'Pick the model.json of MobileNet v1 α0.25 together with every weight file it lists.',
    );
    await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the local copy/), what).toBeVisible();
  }
  await page.getByRole('button', { name: 'Add class' }).click();
  await page.getByRole('button', { name: 'Add class' }).click();
  await page
    .getByLabel('Add images to Class 1')
    .setInputFiles(classImages('sign-language-digits', 'digit_1').slice(0, 2));
  await page
    .getByLabel('Add images to Class 2')
    .setInputFiles(classImages('sign-language-digits', 'digit_2').slice(0, 2));
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: SLOW_STEP_MS });

  // The right files still load.
  await input.setInputFiles([modelJson(() => undefined), ...shardFiles]);
  await expect(page.getByText(/Loaded MobileNet v1 α0\.25 from the files you picked/)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  await expect(alert).toHaveCount(0);
});

test('a folder that makes no class says so: an empty one, and one of files that are no image', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'studio-empty-'));
  const empty = join(root, 'empty');
  mkdirSync(empty);
  const data = join(root, 'data');
  mkdirSync(join(data, 'digit_3'), { recursive: true });
  mkdirSync(join(data, 'docs'));
  copyFileSync(classImages('sign-language-digits', 'digit_3')[0], join(data, 'digit_3', 'a.jpg'));
  writeFileSync(join(data, 'docs', 'paper.pdf'), '%PDF-1.4\n%%EOF\n');
  await loaded(page);
  const notice = page.getByRole('status').filter({ hasText: 'nothing was added' });
  // the folder input gives an empty folder as no files at all, where nothing was said
  await page.getByLabel('Add folders…').setInputFiles(empty);
  await expect(notice).toContainText('The folder holds no files: nothing was added');
  await expect(page.getByTestId('class-card')).toHaveCount(0);
  // beside a folder that made a class, the one that made none is named with why
  await page.getByLabel('Add folders…').setInputFiles(data);
  await expect(page.getByLabel('1 image in digit_3')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('status').filter({ hasText: 'no class was made' })).toContainText(
    '“docs” holds no image the studio can use: no class was made of it. Skipped 1 file that is not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): paper.pdf',
  );
  await expect(page.getByTestId('class-card')).toHaveCount(1);
});
