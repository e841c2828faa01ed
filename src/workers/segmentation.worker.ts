/// <reference lib="webworker" />
/**
 * The segmentation Web Worker: tfjs, the model and the slice runner live
 * here, off the main thread. Speaks the protocol in segmentationProtocol.ts;
 * the logic is in segmentationWorkerHandler.ts. Start it through
 * segmentationClient.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../core/inference/initBackend';
import { loadSegmentationModel } from '../core/inference/loadSegmentationModel';
import type { FromWorker, ToWorker } from './segmentationProtocol';
import { createSegmentationWorkerHandler } from './segmentationWorkerHandler';
import { TFJS_WASM_URLS } from './wasmAssetUrls';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const handle = createSegmentationWorkerHandler({
  post: (message: FromWorker, transfer: Transferable[] = []) =>
    scope.postMessage(message, transfer),
  initBackend: (options) => initBackend({ ...options, wasmPaths: TFJS_WASM_URLS }),
  loadModel: (manifestUrl) => loadSegmentationModel(manifestUrl),
  memory: () => {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
});

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  void handle(event.data);
};
