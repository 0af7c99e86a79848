// A project's image and its thumbnail URL (state/project.ts holds them; persist and project-undo make them too).

export interface ProjectImage {
  id: string;
  file: File;
  /** object URL for the thumbnail */
  readonly url: string;
}

/**
 * An image whose object URL is made when something first shows it: URL.createObjectURL is a
 * synchronous call to the browser (about a millisecond each on a busy machine), and a class card
 * shows 24 of its images, so a 500-photo drop made 500 of them for the 240 on screen.
 */
class LazyUrlImage implements ProjectImage {
  #url: string | null = null;
  constructor(
    readonly id: string,
    readonly file: File,
  ) {}
  get url(): string {
    return (this.#url ??= URL.createObjectURL(this.file));
  }
  release(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
  }
}

export const projectImage = (id: string, file: File): ProjectImage => new LazyUrlImage(id, file);

/** Gives back an image's object URL (if it ever had one) once the image has left for good. */
export function releaseImageUrl(image: ProjectImage): void {
  if (image instanceof LazyUrlImage) image.release();
  else URL.revokeObjectURL(image.url);
}
