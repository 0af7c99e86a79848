/**
 * The Images step's words for what a person can do there. A desktop drags folders and picks them;
 * a phone has neither, and its file input offers the photo library and the camera: "Drop folders"
 * and "Add folders…" named nothing a phone could do.
 */
export interface DataWords {
  /** the line under the step's heading */
  hint: string;
  /** the step's own picker: its visible words, then what it is for (its name says both) */
  pick: string;
  pickFor: string;
  /** the empty project's box: its title, the line under it, and what follows its "two empty classes" button */
  emptyTitle: string;
  emptyLine: string;
  emptyFill: string;
  /**
   * a class card's line: the words before its picker, and the picker's (the camera is the card's own
   * Record from camera, above the line: a link to the Deploy step's camera beside it was a second way there)
   */
  cardLead: string;
  cardPick: string;
}

const DESKTOP: DataWords = {
  hint: 'Drop folders anywhere on the page (each folder becomes a class named after it), or add classes and drop images onto them. Images stay on this device.',
  pick: 'Add folders…',
  pickFor: 'a folder of class folders',
  emptyTitle: 'Drop folders of images here',
  emptyLine: 'one folder per class, e.g. cats/ and dogs/',
  emptyFill: 'and fill them from files or the camera',
  cardLead: 'Drop images here or ',
  cardPick: 'choose files',
};

const PHONE: DataWords = {
  hint: 'Choose photos to make a class of them, or add classes and choose or take photos for each. Photos stay on this device.',
  pick: 'Choose photos',
  pickFor: 'for a new class',
  emptyTitle: 'Choose photos above to start',
  emptyLine: 'the photos you choose become a class; choose again for the next, e.g. cats, then dogs',
  emptyFill: 'and choose or take photos for each',
  cardLead: '',
  cardPick: 'Choose photos',
};

export const dataWords = (phone: boolean): DataWords => (phone ? PHONE : DESKTOP);
