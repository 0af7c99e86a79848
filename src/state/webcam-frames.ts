import { modelCropRect } from '../core/live/cropbox';
import type { ModelInfo } from './model-in-use';
import type { LiveResult, WebcamState } from './webcam-types';

/** Camera frames as capture and live classification take them (state/webcam.ts). */

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
