import { expect, test } from '@playwright/test';

// Default project (no fake camera): getUserMedia is replaced before the page loads.

test('webcam: permission denied shows how to re-enable it, Retry asks again, the studio keeps working', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { gumCalls: number };
    w.gumCalls = 0;
    navigator.mediaDevices.getUserMedia = async () => {
      w.gumCalls++;
      throw new DOMException('Permission denied', 'NotAllowedError');
    };
  });
  await page.goto('/');
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  const alert = webcam.getByRole('alert');
  await expect(alert).toContainText('Camera permission was denied');
  await expect(alert).toContainText('allow camera access for this site');
  // from the keyboard: Retry goes as the camera starts, and the focus goes on to Start camera (not the page)
  await alert.getByRole('button', { name: 'Retry' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { gumCalls: number }).gumCalls)).toBe(2);
  await expect(alert).toContainText('Camera permission was denied');
  await expect(webcam.getByRole('button', { name: 'Start camera' })).toBeFocused();
  // nothing else is blocked
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(page.getByRole('textbox', { name: 'Class name' })).toHaveCount(1);
  await expect(webcam.getByRole('button', { name: /Hold to record/ })).toHaveCount(0);
});

test('webcam: no camera says so', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.enumerateDevices = async () => [];
    navigator.mediaDevices.getUserMedia = async () => {
      throw new DOMException('Requested device not found', 'NotFoundError');
    };
  });
  await page.goto('/');
  const webcam = page.getByRole('region', { name: 'Webcam', exact: true });
  await webcam.getByRole('button', { name: 'Start camera' }).click();
  await expect(webcam.getByRole('alert')).toContainText('No camera found');
  await expect(webcam.getByRole('button', { name: 'Retry' })).toBeVisible();
  // recording from a class's card with no camera: the Webcam panel does not say the camera is
  // recording there (it did, under its own "No camera found")
  await page.getByRole('button', { name: 'Start with two empty classes' }).click();
  await page.getByRole('button', { name: 'Record from camera into Class 1' }).click();
  await expect(page.getByRole('region', { name: 'Class 1' }).getByText(/No camera found/)).toBeVisible();
  await expect(webcam.getByRole('alert')).toContainText('No camera found');
  await expect(webcam.getByTestId('recorder-elsewhere')).toHaveCount(0);
});
