import { useEffect, useRef } from 'react';
import { modelCropRect } from '../../core/live/cropbox';
import { useBackbone } from '../../state/backbone';
import { useModelInUse } from '../../state/model-in-use';
import { useTraining } from '../../state/training';
import { setVideoElement, useWebcam } from '../../state/webcam';
import { cropSize } from './crop-size';
import { LiveBadge } from './LiveBadge';

/**
 * The camera image with the exact square the model sees drawn over it. `showResolution`: the stream's
 * size on the picture (the Deploy panel's; beside Stop camera it wrapped that row onto a second line,
 * which the column's scroll to the picture then left above the visible edge).
 */
export function CameraView({ showResolution = false }: { showResolution?: boolean } = {}) {
  const { stream, mirror, paused, resolution, setResolution, timed } = useWebcam();
  // the trained model's crop, not the form's current value (it may have changed since)
  const modelCrop = useModelInUse((s) => s.model?.cropMode);
  const cropMode = useTraining((s) => modelCrop ?? s.settings.cropMode);
  const backboneId = useBackbone((s) => s.loaded?.id ?? s.selected);
  // the size live frames are grabbed at: an imported model's may not be the loaded backbone's
  const modelSize = useModelInUse((s) => s.model?.inputSize);
  const videoRef = useRef<HTMLVideoElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const size = cropSize(modelSize, backboneId);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    setVideoElement(video);
    video.srcObject = stream;
    const onSize = () =>
      setResolution(video.videoWidth ? { width: video.videoWidth, height: video.videoHeight } : null);
    video.addEventListener('loadedmetadata', onSize);
    video.addEventListener('resize', onSize);
    if (stream) void video.play().catch(() => {});
    return () => {
      video.removeEventListener('loadedmetadata', onSize);
      video.removeEventListener('resize', onSize);
      setVideoElement(null);
    };
  }, [stream, setResolution]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !stream) return;
    if (paused) video.pause();
    else void video.play().catch(() => {});
  }, [paused, stream]);

  const rect = resolution ? modelCropRect(resolution.width, resolution.height, size, cropMode) : null;

  useEffect(() => {
    const canvas = overlayRef.current;
    if (!canvas || !resolution || !rect) return;
    canvas.width = resolution.width;
    canvas.height = resolution.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    // dim what the model does not see, outline what it does
    ctx.fillStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.clearRect(rect.x, rect.y, rect.width, rect.height);
    ctx.strokeStyle = '#facc15';
    ctx.lineWidth = Math.max(2, Math.round(resolution.width / 200));
    ctx.strokeRect(rect.x, rect.y, rect.width, rect.height);
  });

  const cropText =
    cropMode === 'center'
      ? 'the centre square'
      : cropMode === 'squash'
        ? 'the whole frame, squashed to a square'
        : 'the whole frame, padded to a square';
  return (
    <figure className="camera-view">
      <div className={`camera-frame${mirror ? ' mirrored' : ''}`}>
        <video ref={videoRef} muted playsInline aria-label="Camera image" data-testid="camera-video" />
        <canvas
          ref={overlayRef}
          className="crop-overlay"
          aria-hidden="true"
          data-testid="crop-overlay"
          data-crop={rect ? `${rect.x},${rect.y},${rect.width},${rect.height}` : ''}
        />
        <LiveBadge />
        {/* in the picture's corner, as the answer's badge is: under it, it wrapped the one line there */}
        {showResolution && (
          <span className="resolution" data-testid="camera-resolution" aria-label="Camera resolution">
            {resolution ? `${resolution.width} × ${resolution.height}` : '…'}
          </span>
        )}
        {/* seen from a step back; the capture panel's status says it to a screen reader */}
        {timed && (
          <div className={`timed-overlay ${timed.phase}`} aria-hidden="true" data-testid="timed-overlay">
            {timed.phase === 'countdown' ? (
              timed.secondsLeft
            ) : (
              <span className="timed-rec">
                <span className="timed-dot">●</span> REC {timed.secondsLeft} s
              </span>
            )}
          </div>
        )}
      </div>
      {/* one line: four of them had pushed the live answer below a laptop's screen */}
      <figcaption className="hint camera-caption">
        <details>
          <summary>The outlined box is what the model sees.</summary>
          It is {cropText}, scaled to {size}×{size}.
          {mirror ? ' The view is mirrored; captured frames and the model use the camera’s unmirrored image.' : ''}
        </details>
      </figcaption>
    </figure>
  );
}
