import type { Ranked } from '../core/live/decision';
import type { CameraError } from '../core/live/camera-error';
import type { LiveChoices } from '../core/project/record';
import type { ModelInfo } from './model-in-use';

/** The webcam store's shape (the store: state/webcam.ts). */

export type CameraStatus = 'off' | 'starting' | 'on' | 'error';
export interface CameraDevice {
  deviceId: string;
  label: string;
  facing: 'front' | 'back' | null;
}

export interface LiveResult {
  /** claimed class, null = below the unknown threshold */
  label: string | null;
  top: Ranked[];
  /** completed classifications per second */
  fps: number;
  /** the model's forward pass alone (median of recent frames) */
  modelMs: number;
  /** one frame end to end: grab, transfer, preprocess, forward (median of recent frames) */
  frameMs: number;
  frames: number;
}

/** A timed recording under way: its countdown, then its recording, each until `endsAt` (performance.now). */
export interface TimedRecording {
  phase: 'countdown' | 'recording';
  endsAt: number;
  /** whole seconds left of the phase (at least 1): it changes once a second, not with each frame */
  secondsLeft: number;
}

export interface WebcamState {
  status: CameraStatus;
  error: CameraError | null;
  devices: CameraDevice[];
  /** the running (or last) camera's id, the select shows its name; '' = the browser's default camera */
  deviceId: string;
  /**
   * the camera asked for ('' = the default one): Start and Retry ask for it again. Taken from the
   * running camera's id, a default camera became a remembered one after a Stop and Start
   */
  chosen: string;
  stream: MediaStream | null;
  resolution: { width: number; height: number } | null;
  /** the view only: capture and the model take the camera's own pixels */
  mirror: boolean;
  /** which way the running (or last) camera faces; null: it does not say */
  facing: CameraDevice['facing'];
  paused: boolean;
  captureClassId: string;
  recording: boolean;
  /** frames recorded by the current / last hold of the capture button */
  recorded: number;
  recordedInto: string;
  /** frames taken whose JPEG has not reached their class yet (a hold's last ones land after its release) */
  saving: number;
  /** a hands-free recording's countdown or recording (null: none); `recording` is true in its recording */
  timed: TimedRecording | null;
  /** a timed recording's countdown and length in seconds (kept within TIMED_LIMITS, remembered on this device) */
  timedDelay: number;
  timedDuration: number;
  /** why the last recording stopped before the button was let go (null: it did not) */
  recordNote: string | null;
  /** the tab is hidden: live classification waits and nothing records */
  hidden: boolean;
  /**
   * the running camera's track is muted (it sends no pictures): live classification waits and
   * nothing records. Not a recordNote: each note overwrote the other (a mute, a hidden tab's note)
   */
  muted: boolean;
  smoothing: number;
  /** below this top probability Try it and the camera answer "unknown": the user's own, or the default for `classCount` */
  threshold: number;
  /** `threshold` is one the user set: kept whatever model answers (a default follows the model's class count) */
  thresholdChosen: boolean;
  /** the class count of the model in use (null: none), which a default threshold follows (core/live/decision.ts) */
  classCount: number | null;
  topK: number;
  live: LiveResult | null;
  liveError: string | null;
  /** the model `live` and `liveError` came from: another model's answer is not this one's (liveOf) */
  liveModel: ModelInfo | null;
  start(deviceId?: string): Promise<void>;
  stop(): void;
  refreshDevices(): Promise<void>;
  setResolution(resolution: { width: number; height: number } | null): void;
  setMirror(mirror: boolean): void;
  setPaused(paused: boolean): void;
  setCaptureClass(id: string): void;
  setSmoothing(v: number): void;
  /** the user's own threshold: no model's class count moves it */
  setThreshold(v: number): void;
  /** the default threshold again, following the class count of the model in use */
  resetThreshold(): void;
  /** another model answers (null: none): a default threshold follows its class count */
  followClassCount(count: number | null): void;
  setTopK(k: number): void;
  /** a project's own choices (opened, restored, new); core/project/record.ts thresholdChosen says whether its threshold was chosen */
  setLiveChoices(live: LiveChoices): void;
  /** the choices as a project keeps them: a threshold none chosen as LIVE_DEFAULTS' (thresholdChosen false), to follow the model again */
  liveChoices(): LiveChoices;
  startRecording(): void;
  /** stops whatever records: a hold, a burst, a timed recording or its countdown */
  stopRecording(): void;
  /** records for BURST_MS, then stops by itself */
  recordBurst(): void;
  setTimedDelay(seconds: number): void;
  setTimedDuration(seconds: number): void;
  /** counts down timedDelay, then records for timedDuration and stops by itself */
  startTimed(): void;
  /** ends a timed recording: a countdown records nothing; a recording keeps its frames */
  stopTimed(): void;
  /** stops a recording, and its note and counts go (the camera stopped, another project came) */
  resetCapture(): void;
}
