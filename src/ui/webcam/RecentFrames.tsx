import { useProject, type ProjectImage } from '../../state/project';
import { useWebcam } from '../../state/webcam';
import { Thumbnail, urlOf } from '../Thumbnail';
import { recentFrames } from './recent-frames';

/** the class card's thumbnail size (ClassCard.tsx): its small picture, made once, serves both */
const CARD_THUMB = 56;

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

/**
 * The Data step's anchor takes the page there (and the step bar follows it); the card itself is
 * brought in once that jump is done. Class cards have no id of their own to link to.
 */
function bringCardIn(index: number): void {
  requestAnimationFrame(() => {
    const card = document.querySelectorAll<HTMLElement>('[data-testid="class-card"]')[index];
    if (!card) return;
    card.scrollIntoView({ block: 'start' });
    // "See all": the card's Review button is the next step for a keyboard user
    card.querySelector<HTMLElement>('button[aria-label^="Review"]')?.focus({ preventScroll: true });
  });
}

/**
 * What the last recording took, under its count: on a phone the class card is screens away, and
 * "21 frames recorded into cup" showed nothing of them. Not while recording (the picture above is
 * what is being taken, and ten new thumbnails a second would compete with the capture).
 */
export function RecentFrames() {
  // not the whole store: it changes with each live answer, many times a second
  const recorded = useWebcam((s) => s.recorded);
  const recordedInto = useWebcam((s) => s.recordedInto);
  const busy = useWebcam((s) => s.recording || !!s.timed);
  const index = useProject((s) => s.classes.findIndex((c) => c.id === recordedInto));
  const cls = useProject((s) => s.classes[index]);
  if (busy || !cls || !recorded) return null;
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
        <a href="#step-data" onClick={() => bringCardIn(index)}>
          See all in {cls.name}
        </a>
      </p>
    </div>
  );
}
