import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addFolder,
  downloadProject,
  LONGER_TEST_MS,
  makeDatasetFolder,
  openElsewhere,
  SLOW_STEP_MS,
  studioReady,
  textOf,
  undoToast,
} from './fixtures';
import { keptEpoch } from './train-small';

const CLASSES = ['digit_0', 'digit_5'];

/**
 * A run of many short epochs (still going when the page reloads) cut by a reload once `atLeast`
 * epochs are kept: the "Interrupted run" offer the reload brings, and the epochs it kept.
 */
async function cutRun(page: Page, perClass: number, atLeast: number): Promise<{ interrupted: Locator; kept: number }> {
  await addFolder(page, makeDatasetFolder('sign-language-digits', CLASSES, perClass), `${perClass} images in digit_5`);
  await page.getByText('Training settings').click();
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Batch size').fill('2');
  await page.getByLabel(/Early-stopping patience/).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Training: epoch/ })).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => keptEpoch(page), { timeout: 2 * SLOW_STEP_MS }).toBeGreaterThanOrEqual(atLeast);
  await page.reload();
  const interrupted = page.getByRole('group', { name: 'Interrupted run' });
  await expect(interrupted).toContainText(/after epoch \d+ of 1000/, { timeout: SLOW_STEP_MS });
  return { interrupted, kept: Number(/after epoch (\d+)/.exec(await textOf(interrupted))![1]) };
}

test('a reload mid-training keeps the finished epochs, and Resume continues the same run from the next one', async ({
  page,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  const { interrupted, kept } = await cutRun(page, 10, 3);
  expect(kept).toBeGreaterThanOrEqual(3);
  // the settings of the cut run are back, and its finished epochs are charted again
  await page.getByText('Training settings').click();
  await expect(page.getByLabel('Epochs')).toHaveValue('1000');
  // an edit made since is named: resuming goes back to the run's own settings
  await expect(page.getByTestId('resume-settings')).toHaveCount(0);
  await page.getByLabel('Epochs').fill('20');
  await expect(page.getByTestId('resume-settings')).toContainText('your changes to Epochs are put aside');
  // a field typed wrong does not hold Resume back (the run trains with its own settings), nor Discard
  await page.getByLabel('Epochs').fill('0');
  await expect(interrupted.getByRole('button', { name: 'Resume training' })).toBeEnabled({ timeout: SLOW_STEP_MS });
  await expect(interrupted.getByRole('button', { name: 'Discard interrupted run' })).toBeEnabled();
  await page.getByLabel('Epochs').fill('1000');
  await expect(page.getByTestId('resume-settings')).toHaveCount(0);
  await expect(page.getByLabel('Training progress')).toHaveCount(0);
  await expect(page.getByRole('figure', { name: /Accuracy per epoch/ })).toHaveAttribute('data-points', String(kept));
  const resume = interrupted.getByRole('button', { name: 'Resume training' });
  await expect(resume).toBeEnabled({ timeout: SLOW_STEP_MS });
  // Train starts a new run in its place, offered back: Undo stops the new run and the offer returns
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(interrupted).toHaveCount(0);
  await undoToast(page, `Started a new run in place of the interrupted one (epoch ${kept} of 1000)`)
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(interrupted).toContainText(`after epoch ${kept} of 1000`, { timeout: SLOW_STEP_MS });
  await expect.poll(() => keptEpoch(page), { timeout: SLOW_STEP_MS }).toBe(kept);
  await expect(resume).toBeEnabled({ timeout: SLOW_STEP_MS });
  // a reload during a new run trained over it, while that toast is up, loses nothing: its undo comes back
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(interrupted).toHaveCount(0);
  await expect(undoToast(page, 'Started a new run in place of the interrupted one')).toBeVisible();
  // the run under way: the interrupted one is in its slot of its own by then (stored as the run
  // starts; a reload in the same few milliseconds finds it still the run to resume, as a CI run did)
  await expect(page.getByRole('status').filter({ hasText: /Training: epoch \d+ of 1000/ })).toBeVisible({
    timeout: 120_000,
  });
  await page.reload();
  const revived = undoToast(page, `in place of the interrupted one (epoch ${kept} of 1000) before the page reloaded`);
  await expect(revived).toBeVisible({ timeout: SLOW_STEP_MS });
  // it belongs to this project: New project puts it away (undone there, it put this run into that
  // project), and New project's Undo brings it back
  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('alertdialog', { name: 'Start a new project?' })
    .getByRole('button', { name: 'Start new project' })
    .click();
  await expect(page.getByText('0 classes, 0 images')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(revived).toHaveCount(0);
  await undoToast(page, 'Started a new project').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('10 images in digit_5')).toBeVisible({ timeout: SLOW_STEP_MS });
  await revived.getByRole('button', { name: 'Undo' }).click({ timeout: SLOW_STEP_MS });
  await expect(interrupted).toContainText(`after epoch ${kept} of 1000`, { timeout: SLOW_STEP_MS });
  await expect.poll(() => keptEpoch(page), { timeout: SLOW_STEP_MS }).toBe(kept);
  await expect(resume).toBeEnabled({ timeout: SLOW_STEP_MS });
  // from the keyboard: the offer goes as the run starts, and the focus goes to that run's Stop
  await resume.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeFocused({ timeout: SLOW_STEP_MS });
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`Training: epoch (\\d+) of 1000`) })).toBeVisible({
    timeout: 120_000,
  });
  const first = Number(
    /epoch (\d+) of/.exec(
      await page
        .getByRole('status')
        .filter({ hasText: /Training: epoch/ })
        .innerText(),
    )![1],
  );
  expect(first).toBeGreaterThan(kept);
  await expect(interrupted).toHaveCount(0);
  // an epoch after the kept ones has finished before Stop: stopped inside the first resumed epoch,
  // the run ends with the checkpoint's epochs only (a CI-like load once clicked Stop that early)
  const accuracy = page.getByRole('figure', { name: /Accuracy per epoch/ });
  await expect
    .poll(async () => Number(await accuracy.getAttribute('data-points')), { timeout: SLOW_STEP_MS })
    .toBeGreaterThan(kept);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Training stopped')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(page.getByTestId('resumed')).toContainText(`Resumed after epoch ${kept}`);
  // the features extracted before the reload were stored with the project: nothing ran through the backbone again
  await expect(page.getByRole('region', { name: 'Evaluate', exact: true })).toContainText(
    'features reused from the cache',
  );
  const epochs = Number(/(\d+) epochs on/.exec(await textOf(page.getByText(/epochs on/)))![1]);
  expect(epochs).toBeGreaterThan(kept);
  await expect(page.getByTestId('val-accuracy')).toContainText(/Validation accuracy: \d/);
  // a finished (here: stopped) run is no longer one to resume, after a reload either (its checkpoint
  // is cleared from storage behind the run's end)
  await expect.poll(() => keptEpoch(page), { timeout: 2 * SLOW_STEP_MS }).toBe(0);
  await page.reload();
  await studioReady(page);
  await expect(page.getByRole('group', { name: 'Interrupted run' })).toHaveCount(0);
});

test('an interrupted run travels in the project zip: opened in another browser, Resume training goes on from its epoch', async ({
  page,
  browser,
}) => {
  test.setTimeout(LONGER_TEST_MS);
  await studioReady(page, '/');
  const { kept } = await cutRun(page, 8, 2);

  const zipPath = await downloadProject(page, 'cut-run.zip');
  await expect(page.getByText(`the interrupted run (after epoch ${kept} of 1000)`)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  const fresh = await openElsewhere(browser, zipPath);
  await expect(fresh.getByText(`its interrupted run (after epoch ${kept} of 1000)`)).toBeVisible({
    timeout: SLOW_STEP_MS,
  });
  const there = fresh.getByRole('group', { name: 'Interrupted run' });
  await expect(there).toContainText(`after epoch ${kept} of 1000`);
  // the same images under the same ids: the run resumes there, from the epoch after its last
  await there.getByRole('button', { name: 'Resume training' }).click({ timeout: SLOW_STEP_MS });
  const status = fresh.getByRole('status').filter({ hasText: /Training: epoch \d+ of 1000/ });
  await expect(status).toBeVisible({ timeout: 2 * SLOW_STEP_MS });
  expect(Number(/epoch (\d+) of/.exec(await status.innerText())![1])).toBeGreaterThan(kept);
  await fresh.getByRole('button', { name: 'Stop' }).click();
  await expect(fresh.getByText('Training stopped')).toBeVisible({ timeout: SLOW_STEP_MS });
  await expect(fresh.getByTestId('resumed')).toContainText(`Resumed after epoch ${kept}`);
  await fresh.context().close();
});
