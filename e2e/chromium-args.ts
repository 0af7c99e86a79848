// Debian's Chromium as the e2e suite and the benchmark launch it (TOOLCHAIN.md's flags).
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGPU needs it in Chromium on Linux; here it is SwiftShader (a software adapter)
  '--enable-unsafe-webgpu',
];
