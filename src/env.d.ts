/// <reference types="vite/client" />
/** Where the dev/preview server serves local backbones ('' when it has none). Set in vite.config.ts. */
declare const __MODELS_BASE__: string;
