import { expect, test, type Page } from '@playwright/test';
import { addFolder, LONG_TEST_MS, makeDatasetFolder, SLOW_STEP_MS, studioReady } from './fixtures';

const notice = (page: Page) => page.getByRole('heading', { name: 'Transfer Studio is open in another tab' });

/**
 * Two tabs of one browser share the stored project. Each used to keep its own list of the files it
 * had stored, so the tab that saved last overwrote the other's record, and a New project in one
 * deleted files the other still showed. One tab holds the project; another takes it over whole.
 */
test('a second tab waits for the project, takes it over with its images, and the first steps aside without losing them', async ({
  page,
  context,
}) => {
  test.setTimeout(LONG_TEST_MS);
  await studioReady(page, '/');
  await addFolder(page, makeDatasetFolder('sign-language-digits', ['digit_0', 'digit_1'], 6), '6 images in digit_1');
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (12 images)', {
    timeout: SLOW_STEP_MS,
  });

  const second = await context.newPage();
  await second.goto('/');
  await expect(notice(second)).toBeVisible({ timeout: SLOW_STEP_MS });
  const useHere = second.getByRole('button', { name: 'Use it here' });
  await expect(useHere).toBeFocused();
  // the first tab is untouched meanwhile: a class renamed there is the newest work
  await page.getByRole('textbox', { name: 'Class name' }).first().fill('zero');
  await expect(page.getByLabel('6 images in zero')).toBeVisible();

  await useHere.click();
  // the second tab opens the project as the first left it, rename included
  await studioReady(second);
  await expect(second.getByTestId('step-status-data')).toHaveText('2 classes · 12 images');
  await expect(second.getByLabel('6 images in zero')).toBeVisible();
  await expect(second.getByTestId('save-status')).toContainText('Saved in this browser (12 images)', {
    timeout: SLOW_STEP_MS,
  });
  // the first tab steps aside: it shows the notice, not a project it could save over the second's
  await expect(notice(page)).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('button', { name: 'Add class' })).toHaveCount(0);

  // work in the second tab, then back in the first: it takes what the second saved
  await second.getByRole('textbox', { name: 'Class name' }).nth(1).fill('one');
  await expect(second.getByLabel('6 images in one')).toBeVisible();
  await page.getByRole('button', { name: 'Use it here' }).click();
  await studioReady(page);
  await expect(page.getByLabel('6 images in zero')).toBeVisible();
  await expect(page.getByLabel('6 images in one')).toBeVisible();
  await expect(page.getByTestId('save-status')).toContainText('Saved in this browser (12 images)', {
    timeout: SLOW_STEP_MS,
  });
  await expect(notice(second)).toBeVisible({ timeout: SLOW_STEP_MS });
});
