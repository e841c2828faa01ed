/**
 * Which tfjs backend to run the segmentation on, and why — as a pure decision
 * from what the environment offers, so that it can be tested and reported.
 *
 * Order of preference: a forced backend (URL `?backend=` or a setting); WebGPU
 * only on a real adapter (a software fallback adapter such as SwiftShader is
 * correct but about 300× slower than WASM for convolutions); WASM (SIMD, one
 * thread); WebGL; CPU.
 *
 * Works with initBackend.ts, which probes the environment and applies it.
 */

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export interface BackendChoice {
  name: BackendName;
  /** One sentence a user or a log can show. */
  reason: string;
}

/** What a WebGPU adapter says about itself (GPUAdapter, GPUAdapterInfo). */
export interface AdapterSummary {
  isFallbackAdapter: boolean;
  /** `vendor architecture description` from adapter.info, may be empty. */
  description: string;
}

export interface BackendProbe {
  /** A forced backend name, if any (unchecked user input). */
  requested?: string | null;
  /** Why it is forced, when the program (not the user) forces it. */
  requestedBecause?: string;
  /** null: navigator.gpu missing or no adapter returned. */
  gpuAdapter: AdapterSummary | null;
  wasmAvailable: boolean;
  webglAvailable: boolean;
}

/** True for one of the known backend names. */
export function isBackendName(value: unknown): value is BackendName {
  return (
    typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value)
  );
}

/**
 * Picks a backend.
 *
 * @param probe - what the environment offers
 * @returns the backend and the reason for it
 */
export function chooseBackend(probe: BackendProbe): BackendChoice {
  const requested = probe.requested?.trim().toLowerCase();
  let note = '';
  if (requested) {
    if (isBackendName(requested)) {
      const reason = probe.requestedBecause ?? `forced by setting (backend=${requested})`;
      return { name: requested, reason };
    }
    note = ` (ignored unknown backend "${probe.requested}")`;
  }

  const adapter = probe.gpuAdapter;
  if (adapter && !adapter.isFallbackAdapter) {
    const what = adapter.description ? `: ${adapter.description}` : '';
    return { name: 'webgpu', reason: `hardware WebGPU adapter${what}${note}` };
  }
  const why = adapter
    ? `the WebGPU adapter is a software fallback${adapter.description ? ` (${adapter.description})` : ''}`
    : 'no WebGPU adapter';
  if (probe.wasmAvailable) {
    return { name: 'wasm', reason: `${why}; WebAssembly (SIMD, one thread)${note}` };
  }
  if (probe.webglAvailable) {
    return { name: 'webgl', reason: `${why} and no WebAssembly; WebGL${note}` };
  }
  return {
    name: 'cpu',
    reason: `${why}, no WebAssembly, no WebGL; plain JavaScript${note}`,
  };
}

/**
 * The backend a page URL forces with `?backend=name`, or null. The value is
 * passed on unchecked: chooseBackend ignores an unknown name and says so.
 *
 * @param search - `location.search`, e.g. `?backend=wasm`
 */
export function backendFromQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('backend');
  return value ? value : null;
}
