import { expect, test } from '@playwright/test';
import { LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady, TRAIN_MS } from './fixtures';

const CLASSES = ['digit_0', 'digit_1', 'digit_2'];

test('the default head recipe is chosen by cross-validation and shows its table; a field set by hand switches to manual', async ({
  page,
}) => {
  test.setTimeout(LONG_TEST_MS);
  const folder = makeDatasetFolder('sign-language-digits', CLASSES, 10);
  await studioReady(page, '/');
  await page.getByLabel('Add folders…').setInputFiles(folder);
  await expect(page.getByLabel('10 images in digit_2')).toBeVisible({ timeout: SLOW_STEP_MS });

  await page.getByText('Training settings').click();
  const recipe = page.getByLabel('Head recipe', { exact: true });
  await expect(recipe).toHaveValue('auto');
  // the list of what it sets starts level on both sides (an empty live region took its first cell)
  const planned = page.getByRole('group', { name: 'Automatic recipe' });
  const top = async (name: string) => (await planned.getByText(name, { exact: true }).boundingBox())!.y;
  expect(Math.abs((await top('Epochs')) - (await top('Learning rate')))).toBeLessThan(2);
  await expect(planned.getByText('Early-stopping patience', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Training finished')).toBeVisible({ timeout: TRAIN_MS });

  // a linear head (384 features × 3 classes + 3 biases), as the layer map said before the run
  await expect(page.getByTestId('trained-params')).toContainText('Trained the head only: 1,155 trainable parameters');
  await expect(page.getByTestId('param-totals')).toContainText('Trainable: 1,155');

  // the recipe's report is one of the figures under "How it was trained" › Details
  await page.getByTestId('run-more').locator(':scope > summary').click();
  const report = page.getByTestId('recipe-report');
  await expect(report).toContainText(
    /Head recipe \(automatic\): linear, L2 [\d.e-]+, standardised, augmented views, \d+ epochs, chosen by 3-fold cross-validation/,
  );
  await report.locator('summary').click();
  const table = page.getByRole('table', { name: 'Cross-validation of the head recipes' });
  // every candidate (6 L2 strengths × 3 epoch counts), best first and marked
  await expect(table.locator('tbody tr')).toHaveCount(18);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('aria-current', 'true');
  const summary = await report.locator('summary').innerText();
  expect(summary).toContain((await table.locator('tbody tr').first().getByRole('rowheader').innerText()).trim());

  // the fields the recipe decides hold no value the run did not use: in each one's place, what the
  // run trained with (a value, not an empty box), and the form says the recipe chose it
  const recipeSet = page.getByRole('group', { name: 'Automatic recipe' });
  const reported = /: linear, L2 ([\d.e-]+), standardised, augmented views, (\d+) epochs/.exec(summary)!;
  const epochs = recipeSet.getByLabel('Epochs');
  await expect(epochs).toHaveValue('');
  await expect(epochs).toHaveAttribute('placeholder', reported[2]);
  await expect(recipeSet.getByLabel('Weight decay')).toHaveAttribute('placeholder', String(Number(reported[1])));
  await expect(recipeSet.getByLabel('Hidden units')).toHaveAttribute('placeholder', '0 (linear head)');
  await expect(recipeSet.getByLabel('Batch size')).toHaveAttribute('placeholder', /^\d+ \(all\)$/);
  await expect(epochs).toHaveAccessibleDescription(/^What the last run trained with, chosen by the automatic recipe/);
  const schedule = recipeSet.getByRole('combobox', { name: 'Learning-rate schedule' });
  await expect(schedule).toHaveValue('');
  await expect(schedule.locator('option:checked')).toHaveText('constant');
  await expect(recipeSet.getByTestId('recipe-chosen')).toContainText('What the last run trained with');
  // a compact list: each label beside its value, no box drawn round a value it does not hold
  const [label, value] = [
    await recipeSet.getByText('Epochs', { exact: true }).boundingBox(),
    await epochs.boundingBox(),
  ];
  expect(Math.abs(label!.y + label!.height / 2 - (value!.y + value!.height / 2))).toBeLessThan(4);
  await expect(epochs).toHaveCSS('border-top-color', 'rgba(0, 0, 0, 0)');
  // Set by hand with nothing typed starts from what the run trained with: no setting has changed since
  // (the results said "epochs 60 → 25, …" of fields holding the run's own values), nor once back
  await page.getByRole('button', { name: 'Set by hand' }).click();
  await expect(page.getByRole('group', { name: 'Manual recipe' }).getByLabel('Hidden units')).toHaveValue('0');
  await expect(page.getByText(/the settings changed since/)).toHaveCount(0);
  await recipe.selectOption('auto');
  await expect(recipe).toHaveValue('auto');
  await expect(page.getByText(/the settings changed since/)).toHaveCount(0);
  // the recipe trains on as many cached views as the field says: changing the count keeps it
  await page.getByLabel('Augmented views per image').fill('1');
  await expect(recipe).toHaveValue('auto');
  // users can still set everything by hand: a field the recipe sets itself switches it to manual,
  // the learning rate too (the recipe trains at its own), so a typed value never silently does nothing
  await page.getByLabel('Learning rate', { exact: true }).fill('0.002');
  await expect(recipe).toHaveValue('manual');
  const manual = page.getByRole('group', { name: 'Manual recipe' });
  // said where it was typed, not in hidden words only: the manual recipe trains every field as shown
  const switched = manual.getByRole('status').filter({ hasText: 'Switched to the manual recipe' });
  await expect(switched).toBeVisible();
  await expect(switched).toContainText('the run trains every field below as shown');
  // the other fields start where Set by hand starts: what the run shown trained with (its linear head
  // and epochs), not the manual defaults (a 512-unit hidden layer, 60 epochs), which trained another head
  await expect(manual.getByLabel('Epochs')).toHaveValue(reported[2]);
  await expect(manual.getByLabel('Hidden units')).toHaveValue('0');
  await expect(manual.getByLabel('Learning rate', { exact: true })).toHaveValue('0.002');
  await expect(manual.getByTestId('recipe-chosen')).toHaveCount(0);
  await recipe.selectOption('auto');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('');
  await page.getByLabel('Epochs').fill('12');
  await expect(recipe).toHaveValue('manual');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.002');
  // and its way back, beside it: the automatic recipe again, the focus on Set by hand in its place;
  // what was typed stays for the manual recipe
  await expect(switched).toBeVisible();
  await switched.getByRole('button', { name: 'Back to automatic' }).click();
  await expect(recipe).toHaveValue('auto');
  await expect(page.getByText('Switched to the manual recipe')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set by hand' })).toBeFocused();
  await recipe.selectOption('manual');
  await expect(manual.getByLabel('Epochs')).toHaveValue('12');
  // chosen in the select, not typed: nothing to say
  await expect(page.getByText('Switched to the manual recipe')).toHaveCount(0);
  // and the plain way: one button switches to the manual recipe and puts the focus in its first field
  await recipe.selectOption('auto');
  await page.getByRole('button', { name: 'Set by hand' }).click();
  await expect(recipe).toHaveValue('manual');
  await expect(manual.getByLabel('Epochs')).toBeFocused();
  await expect(manual.getByLabel('Epochs')).toHaveValue('12');
  // the fields not typed start from what the automatic recipe chose for the run (a linear head at its
  // L2), not the manual defaults (a 512-unit hidden layer)
  await expect(manual.getByLabel('Hidden units')).toHaveValue('0');
  await expect(manual.getByLabel('Weight decay')).toHaveValue(String(Number(reported[1])));
  // each field the manual recipe trains as set says what it does (the automatic recipe's list did not need to)
  await expect(manual.getByLabel('Hidden units')).toHaveAccessibleDescription(
    '0 for a linear head, else one hidden layer this wide',
  );
  await expect(manual.getByText('passes over all the training images')).toBeVisible();
  // the recipe's full batch, up to 1024, said for these 24 training images (30, 2 of each 10 held out)
  await expect(manual.getByLabel('Batch size')).toHaveValue('1024');
  await expect(manual.getByLabel('Batch size')).toHaveAccessibleDescription(
    'images per step: all 24 training images at once',
  );
  await manual.getByLabel('Batch size').fill('8');
  await expect(manual.getByLabel('Batch size')).toHaveAccessibleDescription('images per step');
  await expect(page.getByRole('button', { name: 'Set by hand' })).toHaveCount(0);
});
