import { modelCropRect } from '../core/live/cropbox';
import type { ModelInfo } from './model-in-use';
import type { LiveResult, WebcamState } from './webcam-types';

/** Camera frames as capture and live classification take them (state/webcam.ts). */

/** JPEG quality of captured frames (they become ordinary project images). */
const JPEG_QUALITY = 0.92;
let captureCanvas: HTMLCanvasElement | null = null;

export function frameReady(video: HTMLVideoElement | null): video is HTMLVideoElement {
  return !!video && video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;
}

/** a date as frame names carry it (20240131-235959) */
export const timeStamp = (d: Date): string =>
  `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}-` +
  `${String(d.getHours()).padStart(2, '0')}${String(d.getMinutes()).padStart(2, '0')}${String(d.getSeconds()).padStart(2, '0')}`;

/** The frame on show as a JPEG file for the project, handed to `done` (null: the browser made no JPEG of it). */
export function grabJpeg(video: HTMLVideoElement, name: string, done: (file: File | null) => void): void {
  // drawImage uses the camera's own (unmirrored) pixels whatever CSS does to the <video>
  const canvas = (captureCanvas ??= document.createElement('canvas'));
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  canvas.toBlob(
    (blob) => done(blob && new File([blob], name, { type: 'image/jpeg', lastModified: Date.now() })),
    'image/jpeg',
    JPEG_QUALITY,
  );
}

/**
 * The live answer and error shown while `model` is in use: none when they came from another model
 * (one that answered before a run's or an import's, the camera paused meanwhile).
 */
export function liveOf(
  state: Pick<WebcamState, 'live' | 'liveError' | 'liveModel'>,
  model: ModelInfo | null,
): { live: LiveResult | null; liveError: string | null } {
  if (!model || state.liveModel !== model) return { live: null, liveError: null };
  return { live: state.live, liveError: state.liveError };
}

/**
 * Which camera frame the video shows: its frame count where the browser keeps one, else its time.
 * Capture runs at a fixed rate, and a camera delivering fewer frames (dim light) had the same frame
 * saved again, byte-identical copies in training and validation. Null: the browser tells neither.
 */
export function frameStamp(video: HTMLVideoElement): number | null {
  // a count stuck at 0 is one the browser does not keep for camera streams: the time tells instead
  const count = video.getVideoPlaybackQuality?.().totalVideoFrames;
  if (count) return count;
  return typeof video.currentTime === 'number' ? video.currentTime : null;
}

/**
 * The frame as the model needs it. For centre-crop and squash models the browser crops and
 * resizes straight to the model's input while grabbing (on the GPU where it has one), so the
 * worker's only work besides the forward pass is reading 224×224 pixels: the live rate gets
 * closer to the model's own. Pad models get the whole frame (the worker pads and resizes).
 */
export function grabForModel(video: HTMLVideoElement, model: ModelInfo | null): Promise<ImageBitmap> {
  if (!model || model.cropMode === 'pad') return createImageBitmap(video);
  const { videoWidth: w, videoHeight: h } = video;
  const r =
    model.cropMode === 'center' ? modelCropRect(w, h, model.inputSize, 'center') : { x: 0, y: 0, width: w, height: h };
  return createImageBitmap(video, r.x, r.y, r.width, r.height, {
    resizeWidth: model.inputSize,
    resizeHeight: model.inputSize,
    resizeQuality: 'high',
  });
}
