/**
 * Probes the environment (navigator.gpu, WebAssembly, WebGL), chooses a tfjs
 * backend with chooseBackend.ts and activates it. If the chosen backend fails
 * to start, the next one in order is tried and the reason says so.
 *
 * Runs in a browser window, a Web Worker and Node. The WASM binaries must be
 * served by the app itself in a browser: pass their URLs as `wasmPaths`
 * (see src/workers/wasmAssetUrls.ts); Node finds them in node_modules.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { getLogger } from '../log/logger';
import {
  BACKEND_NAMES,
  chooseBackend,
  type AdapterSummary,
  type BackendChoice,
  type BackendName,
} from './chooseBackend';

const log = getLogger('inference');

export interface InitBackendOptions {
  /** Forced backend name (URL parameter or setting); unknown names are ignored. */
  requested?: string | null;
  /** Why it is forced, when the program (not the user) forces it. */
  requestedBecause?: string;
  /** URLs of the WASM binaries, keyed by file name (browser only). */
  wasmPaths?: Record<string, string>;
}

interface GpuLike {
  requestAdapter(): Promise<{
    /** Older Chromium; the spec has since moved it into `info`. */
    isFallbackAdapter?: boolean;
    info?: {
      vendor?: string;
      architecture?: string;
      description?: string;
      isFallbackAdapter?: boolean;
    };
  } | null>;
}

/** Software rasterisers that may not flag themselves as fallback adapters. */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|basic render driver/i;

/** Asks navigator.gpu for an adapter; null when there is none. */
export async function probeGpuAdapter(): Promise<AdapterSummary | null> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const description = [info.vendor, info.architecture, info.description]
      .filter((s) => s)
      .join(' ');
    const isFallbackAdapter =
      adapter.isFallbackAdapter === true ||
      info.isFallbackAdapter === true ||
      SOFTWARE_ADAPTER.test(description);
    return { isFallbackAdapter, description };
  } catch (err) {
    log.warn('navigator.gpu.requestAdapter failed', err);
    return null;
  }
}

function hasWebGl(): boolean {
  const canvas =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : typeof document !== 'undefined'
        ? document.createElement('canvas')
        : null;
  try {
    return !!canvas?.getContext('webgl2');
  } catch {
    return false;
  }
}

async function activate(name: BackendName): Promise<boolean> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch (err) {
    log.warn(`backend ${name} failed to start`, err);
    return false;
  }
}

/**
 * Chooses and activates a backend.
 *
 * @returns the backend that actually runs and why
 * @throws Error when no backend starts at all
 */
export async function initBackend(
  options: InitBackendOptions = {},
): Promise<BackendChoice> {
  // Threads off: on few cores they gave no gain, and minified builds break
  // the threaded build's workers.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (options.wasmPaths) setWasmPaths(options.wasmPaths);

  const choice = chooseBackend({
    requested: options.requested,
    requestedBecause: options.requestedBecause,
    gpuAdapter: await probeGpuAdapter(),
    wasmAvailable: typeof WebAssembly === 'object',
    webglAvailable: hasWebGl(),
  });

  if (await activate(choice.name)) {
    log.info(`backend ${choice.name}: ${choice.reason}`);
    return choice;
  }
  // WebGPU is never a fallback: without a checked adapter it may be software.
  const fallbacks = BACKEND_NAMES.filter((n) => n !== 'webgpu' && n !== choice.name);
  for (const name of fallbacks) {
    if (await activate(name)) {
      const reason = `${choice.name} was chosen (${choice.reason}) but failed to start; ${name}`;
      log.warn(reason);
      return { name, reason };
    }
  }
  throw new Error(
    `no tfjs backend could start (tried ${choice.name}, ${fallbacks.join(', ')})`,
  );
}
