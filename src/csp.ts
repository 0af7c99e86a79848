/**
 * The studio's Content-Security-Policy. Images, models and training stay on the device; the only
 * place the page may reach besides its own origin is where a backbone is hosted.
 */

/**
 * Where tfhub.dev redirects (Kaggle, which redirects on to Google Cloud Storage). CSP ignores a
 * source's path once a request has been redirected (CSP3 "does url match expression"), so naming
 * the host with a path lets those redirects through while a direct fetch elsewhere on the host
 * (another storage.googleapis.com bucket) stays blocked.
 */
const REDIRECT_TARGETS = ['https://www.kaggle.com/models/', 'https://storage.googleapis.com/kaggle-models-data/'];

/** The folder a backbone's model.json and its weight files load from: CSP matches a path ending in "/" as a prefix. */
const folderOf = (url: string) => {
  const u = new URL(url);
  return u.origin + u.pathname.replace(/[^/]*$/, '');
};

/**
 * `hostedUrls` are model.json URLs; `modelsBase` (VITE_MODELS_BASE) is a folder the backbones'
 * local paths are joined to, so it counts as a folder with or without its trailing "/" (read as a
 * file URL, "https://host/models" would have opened the whole host).
 */
export function contentSecurityPolicy(
  hostedUrls: readonly string[],
  { header = false, modelsBase = '' }: { header?: boolean; modelsBase?: string } = {},
): string {
  const remoteBase = /^https?:/.test(modelsBase) ? [modelsBase.replace(/\/?$/, '/')] : [];
  const hosts = [...new Set([...[...hostedUrls, ...remoteBase].map(folderOf), ...REDIRECT_TARGETS])].sort();
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // wasm backend: compiling WebAssembly needs 'wasm-unsafe-eval' (which still forbids JS eval)
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['worker-src', "'self'"],
    ['connect-src', "'self'", ...hosts],
    // thumbnails and previews are object URLs of the user's files
    ['img-src', "'self'", 'blob:', 'data:'],
    ['media-src', "'self'", 'blob:'],
    ['style-src', "'self'"],
    ['font-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  // a <meta> policy ignores frame-ancestors; only a header can say it
  if (header) directives.push(['frame-ancestors', "'none'"]);
  return directives.map((d) => d.join(' ')).join('; ');
}
