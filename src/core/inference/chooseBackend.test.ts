import { describe, expect, it } from 'vitest';
import { backendFromQuery, chooseBackend, type BackendProbe } from './chooseBackend';

const base: BackendProbe = {
  gpuAdapter: null,
  wasmAvailable: true,
  webglAvailable: true,
};
const hardware = { isFallbackAdapter: false, description: 'nvidia ampere' };
const swiftShader = { isFallbackAdapter: true, description: 'google swiftshader' };

describe('chooseBackend', () => {
  it('uses WebGPU only on a hardware adapter', () => {
    const choice = chooseBackend({ ...base, gpuAdapter: hardware });
    expect(choice).toEqual({
      name: 'webgpu',
      reason: 'hardware WebGPU adapter: nvidia ampere',
    });
  });

  it('prefers WASM to a software fallback adapter and says why', () => {
    const choice = chooseBackend({ ...base, gpuAdapter: swiftShader });
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain('software fallback (google swiftshader)');
  });

  it('falls back from WASM to WebGL to CPU', () => {
    expect(chooseBackend(base).name).toBe('wasm');
    expect(chooseBackend(base).reason).toContain('no WebGPU adapter');
    expect(chooseBackend({ ...base, wasmAvailable: false }).name).toBe('webgl');
    expect(
      chooseBackend({ ...base, wasmAvailable: false, webglAvailable: false }).name,
    ).toBe('cpu');
  });

  it('obeys a forced backend, even a slow one', () => {
    const choice = chooseBackend({
      ...base,
      gpuAdapter: swiftShader,
      requested: 'WebGPU',
    });
    expect(choice).toEqual({
      name: 'webgpu',
      reason: 'forced by setting (backend=webgpu)',
    });
    // Forced by the program rather than the user: the reason says why.
    expect(
      chooseBackend({ ...base, requested: 'wasm', requestedBecause: 'small model' }),
    ).toEqual({ name: 'wasm', reason: 'small model' });
    expect(chooseBackend({ ...base, gpuAdapter: hardware, requested: 'cpu' }).name).toBe(
      'cpu',
    );
  });

  it('ignores an unknown forced backend and says so', () => {
    const choice = chooseBackend({ ...base, requested: 'tpu' });
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toContain('ignored unknown backend "tpu"');
  });
});

describe('backendFromQuery', () => {
  it('reads ?backend= from a query string', () => {
    expect(backendFromQuery('?backend=webgl&x=1')).toBe('webgl');
    expect(backendFromQuery('?x=1')).toBeNull();
    expect(backendFromQuery('?backend=')).toBeNull();
  });
});
