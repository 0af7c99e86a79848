/**
 * The studio's Content-Security-Policy. Images, models and training stay on the device; the only
 * place the page may reach besides its own origin is where a backbone is hosted.
 */

/** Hosts a backbone's hosted URL may redirect to (tfhub.dev answers with a Kaggle/GCS redirect). */
const REDIRECT_HOSTS = ['https://www.kaggle.com', 'https://storage.googleapis.com'];

export function contentSecurityPolicy(hostedUrls: readonly string[], { header = false } = {}): string {
  const hosts = [...new Set([...hostedUrls.map((u) => new URL(u).origin), ...REDIRECT_HOSTS])].sort();
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
