import { create } from 'zustand';
import { useProject } from '../../state/project';
import { useWebcam } from '../../state/webcam';

/**
 * Which class card's camera recorder is open (Teachable Machine's Webcam button on a class): one at a
 * time, since the page has one camera stream and capture reads one <video>. While it is open the
 * Deploy step's live stage steps aside (its live answer pauses) and the recorder's picture is the one
 * frames are taken from; the stream itself is the webcam store's, shared.
 */
export interface ClassRecorderState {
  /** the class whose card shows the recorder (null: none open) */
  classId: string | null;
  /**
   * the recorder started the camera, so closing it releases the camera; a camera already running
   * for the Deploy step's live answer keeps running for it
   */
  startedCamera: boolean;
  open(classId: string): void;
  /** starts the camera from the recorder (after a stop, an error): closing it then releases it */
  startCamera(): void;
  close(): void;
}

export const useClassRecorder = create<ClassRecorderState>((set, get) => ({
  classId: null,
  startedCamera: false,

  open(classId) {
    const webcam = useWebcam.getState();
    // a hold into another class (another card's, the Deploy panel's) ends here: frames go where the picture is
    webcam.stopRecording();
    webcam.setCaptureClass(classId);
    // a frozen picture records nothing, and the Deploy panel's Resume is out of sight
    if (webcam.paused) webcam.setPaused(false);
    // the live answer pauses while the recorder has the picture: the last one is not shown over it
    useWebcam.setState({ live: null, liveError: null, liveModel: null });
    // another card's recorder hands its camera on, and with it who releases it
    const was = get();
    set({ classId, startedCamera: was.classId !== null && was.startedCamera });
    if (webcam.status === 'off' || webcam.status === 'error') get().startCamera();
  },

  startCamera() {
    set({ startedCamera: true });
    void useWebcam.getState().start();
  },

  close() {
    if (get().classId === null) return;
    const webcam = useWebcam.getState();
    webcam.stopRecording();
    if (get().startedCamera) webcam.stop();
    set({ classId: null, startedCamera: false });
  },
}));

// the class deleted (or another project opened) while its recorder is open: the recorder goes with
// its card, and the camera it started with it (not from the card's unmount: React's strict mode
// unmounts and mounts again in development, which would close it as it opens)
useProject.subscribe((project) => {
  const { classId, close } = useClassRecorder.getState();
  if (classId !== null && !project.classes.some((c) => c.id === classId)) close();
});
