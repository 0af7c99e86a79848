import type { ProjectClass } from '../state/project';
import type { ProjectImage } from '../state/project-image';
import { picturesOf } from './health-words';
import { Thumbnail, urlOf } from './Thumbnail';

/** the side of a finding's pictures: big enough to tell two near copies apart, small enough for a pair on a phone */
export const FINDING_THUMB = 72;

export interface FindingImage {
  image: ProjectImage;
  className: string;
}

/** Where each image of the project is, by id, for the pictures of the findings that name them. */
export function imagesById(classes: readonly ProjectClass[]): Map<string, FindingImage> {
  return new Map(classes.flatMap((c) => c.images.map((image) => [image.id, { image, className: c.name }] as const)));
}

/**
 * A file name that breaks before its extension when it must break: the caption's 72 px split
 * "IMG_1191.jpg" as "IMG_1191.j" / "pg".
 */
function BreakBeforeExtension({ name }: { name: string }) {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return <>{name}</>;
  return (
    <>
      {name.slice(0, dot)}
      <wbr />
      {name.slice(dot)}
    </>
  );
}

/**
 * A finding's images side by side, each with its file and class under it: a pair of long file names
 * could not be judged without finding the files. The images still in the project (a report outlives
 * deletions), a few of them, and how many more.
 */
export function HealthPictures({
  id,
  ids,
  byId,
}: {
  id: string;
  ids: readonly string[];
  byId: ReadonlyMap<string, FindingImage>;
}) {
  const { shown, more } = picturesOf(ids.flatMap((i) => byId.get(i) ?? []));
  if (!shown.length) return null;
  return (
    <div className="health-pictures">
      {/* what the fix's description says of them: Chrome leaves a picture's alt out of a description */}
      <span id={id} hidden>
        {shown.map(({ image, className }) => `${image.file.name} (${className})`).join(', ')}
        {more > 0 ? ` and ${more} more` : ''}
      </span>
      {shown.map(({ image, className }) => (
        <figure key={image.id}>
          <Thumbnail file={image.file} url={urlOf(image)} alt={image.file.name} size={FINDING_THUMB} square />
          <figcaption>
            {/* the picture's alt says the name; the caption shows it, the whole of it on hover */}
            <span className="health-picture-name" title={image.file.name} aria-hidden="true">
              <BreakBeforeExtension name={image.file.name} />
            </span>
            <span className="health-picture-class" title={className}>
              {className}
            </span>
          </figcaption>
        </figure>
      ))}
      {more > 0 && <span className="health-pictures-more">+{more} more</span>}
    </div>
  );
}
