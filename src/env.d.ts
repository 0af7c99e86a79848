/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />
/** Where the dev/preview server serves local backbones ('' when it has none). Set in vite.config.ts. */
declare const __MODELS_BASE__: string;
/** The File System Access API's folder picker (Chromium, Edge); TypeScript's DOM lib lacks it. */
interface Window {
  showDirectoryPicker?(options?: { id?: string; mode?: 'read' | 'readwrite' }): Promise<FileSystemDirectoryHandle>;
}
/** A folder's entries (lib.dom.asynciterable, which this project's lib list leaves out). */
interface FileSystemDirectoryHandle {
  values(): AsyncIterableIterator<FileSystemHandle>;
}
