import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend, probeGpuAdapter } from './initBackend';

function stubAdapter(adapter: unknown) {
  vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('probeGpuAdapter', () => {
  it('reads isFallbackAdapter from adapter.info (Chromium 156: SwiftShader)', async () => {
    stubAdapter({
      info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
    });
    expect(await probeGpuAdapter()).toEqual({
      isFallbackAdapter: true,
      description: 'google swiftshader',
    });
  });

  it('reads the older adapter.isFallbackAdapter', async () => {
    stubAdapter({ isFallbackAdapter: true, info: { vendor: 'x' } });
    expect((await probeGpuAdapter())?.isFallbackAdapter).toBe(true);
  });

  it('treats a known software rasteriser as a fallback even when unflagged', async () => {
    stubAdapter({ info: { vendor: 'mesa', architecture: 'llvmpipe' } });
    expect((await probeGpuAdapter())?.isFallbackAdapter).toBe(true);
  });

  it('accepts a hardware adapter', async () => {
    stubAdapter({
      info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false },
    });
    expect(await probeGpuAdapter()).toEqual({
      isFallbackAdapter: false,
      description: 'nvidia ampere',
    });
  });

  it('returns null without navigator.gpu or without an adapter', async () => {
    vi.stubGlobal('navigator', {});
    expect(await probeGpuAdapter()).toBeNull();
    stubAdapter(null);
    expect(await probeGpuAdapter()).toBeNull();
  });
});

describe('initBackend in Node', () => {
  it('starts WASM by default when there is no WebGPU adapter', async () => {
    vi.stubGlobal('navigator', {});
    const choice = await initBackend();
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain('no WebGPU adapter');
  });

  it('falls back to WASM when a forced backend cannot start', async () => {
    vi.stubGlobal('navigator', {});
    const choice = await initBackend({ requested: 'webgl' });
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain('webgl was chosen');
  });

  it('starts a forced CPU backend', async () => {
    const choice = await initBackend({ requested: 'cpu' });
    expect(choice).toEqual({ name: 'cpu', reason: 'forced by setting (backend=cpu)' });
  });
});
