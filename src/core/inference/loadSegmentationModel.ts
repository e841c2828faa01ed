/**
 * Loads the segmentation network over HTTP(S) in a browser or worker: fetch
 * the manifest, validate it, then load the tfjs LayersModel it names (relative
 * URL, same origin as the manifest).
 */
import * as tf from '@tensorflow/tfjs';
import { parseSegmentationManifest } from '../segmentation/SegmentationManifest';
import type { SegmentationModel } from './SegmentationModel';
import { compileLayersModel, type TfNetwork } from './compileLayersModel';
import { createTfSliceModel } from './tfSliceModel';

/**
 * @param manifestUrl - absolute URL of manifest.json
 * @param fetchFn - fetch implementation (defaults to the global one)
 * @throws Error when the manifest cannot be fetched or is invalid, or the
 *   network does not match it
 */
export async function loadSegmentationModel(
  manifestUrl: string,
  fetchFn?: typeof fetch,
): Promise<SegmentationModel> {
  // Called unbound, a worker's own fetch throws "Illegal invocation": wrap it.
  const get: typeof fetch = fetchFn ?? ((input, init) => fetch(input, init));
  const response = await get(manifestUrl);
  if (!response.ok) {
    throw new Error(`cannot fetch ${manifestUrl}: HTTP ${response.status}`);
  }
  const manifest = parseSegmentationManifest(await response.json());
  const modelUrl = new URL(manifest.modelFile, manifestUrl).href;
  const network = await tf.loadLayersModel(modelUrl, { fetchFunc: get });
  return wrap(manifest, network);
}

/**
 * Pairs a network with its manifest, checking that they agree, and compiles
 * it to fused ops (same output, fewer and faster kernels).
 */
export function wrap(
  manifest: SegmentationModel['manifest'],
  layersModel: tf.LayersModel,
): SegmentationModel {
  const network: TfNetwork = compileLayersModel(tf, layersModel) ?? layersModel;
  try {
    const sliceModel = createTfSliceModel(network, manifest);
    return { manifest, network, sliceModel, dispose: () => network.dispose() };
  } catch (err) {
    network.dispose();
    throw err;
  }
}
