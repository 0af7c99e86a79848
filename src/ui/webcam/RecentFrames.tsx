import { useProject, type ProjectImage } from '../../state/project';
import { useWebcam } from '../../state/webcam';
import { Thumbnail, urlOf } from '../Thumbnail';
import { recentFrames } from './recent-frames';
import { classCardId } from '../class-blockers';
import { reviewAll } from '../review-rules';
import { cardReviewButton, openCardReview } from './card-review';
// the card's size, not one like it: its small picture, made once, serves both
import { CARD_THUMB } from '../ClassThumbs';

/** the last answer per class's images (a new array with each change): a class's thousand names not sorted again each render */
const known = new WeakMap<
  readonly ProjectImage[],
  { recorded: number; recent: ReturnType<typeof recentFrames<ProjectImage>> }
>();
function recentOf(images: readonly ProjectImage[], recorded: number) {
  const had = known.get(images);
  if (had?.recorded === recorded) return had.recent;
  const recent = recentFrames(images, recorded);
  known.set(images, { recorded, recent });
  return recent;
}

/** After the jump to the card, its Review button takes the focus: the next step for a keyboard user. */
function focusReview(classId: string): void {
  requestAnimationFrame(() => cardReviewButton(classId)?.focus({ preventScroll: true }));
}

/**
 * What the last recording took, under its count: on a phone the class card is screens away, and
 * "21 frames recorded into cup" showed nothing of them. Not while recording (the picture above is
 * what is being taken, and ten new thumbnails a second would compete with the capture). `classId`:
 * in that class's card (its recorder): only a recording into that class (not the Deploy step's last
 * one elsewhere), and its foot opens the class's review, as the card's Review does (a link to the card
 * it sits in went nowhere). In the Deploy step the foot is a link to the class's card, screens away.
 */
export function RecentFrames({ classId }: { classId?: string } = {}) {
  // not the whole store: it changes with each live answer, many times a second
  const recorded = useWebcam((s) => s.recorded);
  const recordedInto = useWebcam((s) => s.recordedInto);
  const busy = useWebcam((s) => s.recording || !!s.timed);
  const cls = useProject((s) => s.classes.find((c) => c.id === recordedInto));
  if (busy || !cls || !recorded || (classId !== undefined && classId !== cls.id)) return null;
  const { shown, total } = recentOf(cls.images, recorded);
  if (!shown.length) return null;
  return (
    <div className="recent-frames" data-testid="recent-frames">
      <ul className="thumbs recent-thumbs" aria-label={`Frames just recorded into ${cls.name}, newest first`}>
        {shown.map((img, i) => (
          <li key={img.id} title={img.file.name}>
            <Thumbnail
              file={img.file}
              url={urlOf(img)}
              alt={`Frame ${total - i} of ${total}`}
              size={CARD_THUMB}
              square
            />
          </li>
        ))}
      </ul>
      <p className="hint recent-foot">
        {shown.length < total && `Newest ${shown.length} of ${total} · `}
        {classId === undefined ? (
          <a href={`#${classCardId(cls.id)}`} onClick={() => focusReview(cls.id)}>
            See all in {cls.name}
          </a>
        ) : (
          <button type="button" className="recent-review" aria-haspopup="dialog" onClick={() => openCardReview(cls.id)}>
            {reviewAll(cls.images.length)}
          </button>
        )}
      </p>
    </div>
  );
}
