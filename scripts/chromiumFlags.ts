/**
 * Headless flags for Debian's Chromium on these machines, shared by the
 * Playwright tests and the benchmark (measured: ../shared/docs/platform.md).
 * Background networking is off because the test machines have a closed network.
 */
export const CHROMIUM_FLAGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
