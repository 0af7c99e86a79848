import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useProject } from '../src/state/project';
import { addPickedFolder } from '../src/ui/folderAdding';

// "Add folders…" reads its folder through pickFolder.ts's readPickedFolder, as the test panel does:
// its own words stay, and images count as coming in from the pick on, never while the picker is open.

const picking = (answer: () => Promise<unknown>) => vi.stubGlobal('window', { showDirectoryPicker: answer });
const emptyFolder = {
  kind: 'directory',
  name: 'empty',
  async *values() {},
} as unknown as FileSystemDirectoryHandle;

beforeEach(() => useProject.setState({ classes: [], notice: null, adding: null, intake: 0 }));
afterEach(() => vi.unstubAllGlobals());

describe('Add folders… through the folder picker', () => {
  it('names a picker that failed in the Data step', async () => {
    picking(() => Promise.reject(new DOMException('The request is not allowed.', 'SecurityError')));
    await addPickedFolder(() => undefined);
    expect(useProject.getState().notice).toBe('The folder could not be opened: The request is not allowed.');
  });

  it('names a picked folder with no files, and counts images coming in only while it is read', async () => {
    let intakeWhilePicking = -1;
    picking(async () => {
      intakeWhilePicking = useProject.getState().intake;
      return emptyFolder;
    });
    const reading: (number | null)[] = [];
    const intakeWhileReading: number[] = [];
    await addPickedFolder((n) => {
      reading.push(n);
      intakeWhileReading.push(useProject.getState().intake);
    });
    expect(intakeWhilePicking).toBe(0);
    expect(intakeWhileReading).toEqual([1, 1]);
    expect(reading).toEqual([0, null]);
    expect(useProject.getState().intake).toBe(0);
    expect(useProject.getState().notice).toBe(
      '“empty” holds no files: pick a folder that holds a folder of images per class.',
    );
  });
});
