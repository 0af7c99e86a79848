// A stand-in for the browser's folder picker (window.showDirectoryPicker), which Playwright cannot
// drive: the folder is copied into the origin private file system (navigator.storage.getDirectory())
// and the page's showDirectoryPicker answers with that real FileSystemDirectoryHandle, so everything
// after the picker (walking the folder, reading its files, adding them) is the studio's own code.
// Shared by the e2e tests and the benchmark. The page code is a string: tsx's transform (the
// benchmark) would inject helpers (__name) into a function that the page lacks.
import type { Page } from '@playwright/test';
import { basename } from 'node:path';

const INPUT_ID = '__folder-into-opfs';

/**
 * Copies `folder` (a path on this machine) into the page origin's private file system under its
 * own name, replacing an earlier copy; read in through a file input of its own (not the studio's).
 */
export async function folderIntoOpfs(page: Page, folder: string): Promise<string> {
  const name = basename(folder);
  await page.evaluate(`(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.id = ${JSON.stringify(INPUT_ID)};
    i.webkitdirectory = true;
    i.hidden = true;
    document.body.append(i);
  })()`);
  await page.locator(`#${INPUT_ID}`).setInputFiles(folder);
  await page.evaluate(`(async () => {
    const input = document.getElementById(${JSON.stringify(INPUT_ID)});
    const opfs = await navigator.storage.getDirectory();
    await opfs.removeEntry(${JSON.stringify(name)}, { recursive: true }).catch(() => {});
    for (const file of input.files) {
      const parts = file.webkitRelativePath.split('/');
      let dir = opfs;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const handle = await dir.getFileHandle(file.name, { create: true });
      const out = await handle.createWritable();
      await out.write(file);
      await out.close();
    }
    input.remove();
  })()`);
  return name;
}

/**
 * From now on the page's folder picker answers with the OPFS folder `name` (folderIntoOpfs), or
 * as when the person closes the picker (`null`: an AbortError).
 */
export async function answerFolderPicker(page: Page, name: string | null): Promise<void> {
  await page.evaluate(`(() => {
    const name = ${JSON.stringify(name)};
    window.showDirectoryPicker = async () => {
      if (name === null) throw new DOMException('The user aborted a request.', 'AbortError');
      return (await navigator.storage.getDirectory()).getDirectoryHandle(name);
    };
  })()`);
}

/** The folder picker stands in for a person picking `folder` (see the file's head). */
export async function standInFolderPicker(page: Page, folder: string): Promise<void> {
  await answerFolderPicker(page, await folderIntoOpfs(page, folder));
}
