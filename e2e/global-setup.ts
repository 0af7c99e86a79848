import { classImages } from './fixtures';
import { photoToY4m } from './y4m';
import { FAKE_CAMERA_PHOTO, FAKE_CAMERA_Y4M } from './webcam-paths';

/** The fake camera's video file must exist before Chromium starts: make it from a real photo. */
export default async function globalSetup(): Promise<void> {
  const [dataset, cls, index] = FAKE_CAMERA_PHOTO;
  await photoToY4m(classImages(dataset, cls)[index], FAKE_CAMERA_Y4M);
}
