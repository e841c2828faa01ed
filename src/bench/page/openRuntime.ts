/**
 * Opens one benchmarked backend in the browser. Every WebAssembly file comes
 * from the app's own origin (Vite copies them into the build), never a CDN.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import tfjsWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfjsWasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfjsWasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as ort from 'onnxruntime-web/webgpu';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { SegmentationManifest } from '../../core/segmentation/SegmentationManifest';
import { createOrtRuntime } from '../runtimes/ortRuntime';
import type { SegmentationRuntime } from '../runtimes/runtime';
import { createTfjsRuntime } from '../runtimes/tfjsRuntime';
import { compileLayersModel } from '../../core/inference/compileLayersModel';
import type { BackendId, MemorySample, ModelVariant } from '../types';

export interface OpenedRuntime {
  runtime: SegmentationRuntime;
  /** The backend that really runs, as the runtime names it. */
  actualBackend: string;
  variantDetail?: string;
}

function hostMemory(): MemorySample {
  const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return { jsHeapBytes: m?.usedJSHeapSize };
}

const TFJS_BACKEND: Partial<Record<BackendId, string>> = {
  'tfjs-webgpu': 'webgpu',
  'tfjs-webgl': 'webgl',
  'tfjs-wasm': 'wasm',
};

/**
 * @param modelBase - URL of the folder holding the manifest
 */
export async function openRuntime(
  id: BackendId,
  manifest: SegmentationManifest,
  modelBase: string,
  variant: ModelVariant,
): Promise<OpenedRuntime> {
  const S = manifest.input.sizePx;
  const kind = id === 'tfjs-wasm' || id === 'ort-wasm' ? 'cpu' : 'gpu';
  const tfBackend = TFJS_BACKEND[id];

  if (tfBackend) {
    // The threaded build breaks in a minified bundle; one thread, like the app.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': tfjsWasm,
      'tfjs-backend-wasm-simd.wasm': tfjsWasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': tfjsWasmThreaded,
    });
    if (!(await tf.setBackend(tfBackend)))
      throw new Error(`tfjs backend ${tfBackend} failed`);
    await tf.ready();
    if (tf.getBackend() !== tfBackend) {
      throw new Error(`tfjs runs ${tf.getBackend()}, not ${tfBackend}`);
    }
    const model = await tf.loadLayersModel(`${modelBase}/${manifest.modelFile}`);
    const compiled = variant === 'fused' ? compileLayersModel(tf, model) : model;
    if (!compiled) throw new Error('the network does not compile to fused ops');
    return {
      runtime: createTfjsRuntime({
        tf,
        model: compiled,
        id,
        kind,
        sizePx: S,
        hostMemory,
      }),
      actualBackend: `tfjs ${tf.getBackend()}`,
      variantDetail:
        'fusedLayers' in compiled
          ? `${compiled.fusedLayers} layers fused, ${compiled.steps} ops per pass`
          : undefined,
    };
  }

  ort.env.wasm.wasmPaths = { wasm: ortWasm };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const ep = id === 'ort-webgpu' ? 'webgpu' : 'wasm';
  if (!manifest.onnxFile) throw new Error('the manifest names no onnxFile');
  const session = await ort.InferenceSession.create(`${modelBase}/${manifest.onnxFile}`, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
  });
  return {
    runtime: createOrtRuntime({
      session,
      Tensor: ort.Tensor,
      id,
      kind,
      sizePx: S,
      numLabels: manifest.labels.length,
      hostMemory,
    }),
    actualBackend: `onnxruntime-web ${ep}`,
  };
}
