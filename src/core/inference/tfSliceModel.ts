/**
 * The slice runner's SliceModel on a tfjs LayersModel: one `predict` per
 * batch, every intermediate tensor released (tf.memory().numTensors is back
 * where it was after each call).
 */
import * as tf from '@tensorflow/tfjs';
import type { SegmentationManifest } from '../segmentation/SegmentationManifest';
import type { SliceModel } from '../segmentation/SliceModel';
import type { TfNetwork } from './compileLayersModel';

/**
 * Checks the network's input and output shapes against the manifest and wraps it.
 *
 * @throws Error when the shapes disagree with the manifest
 */
export function createTfSliceModel(
  network: TfNetwork,
  manifest: Pick<SegmentationManifest, 'input' | 'labels'>,
): SliceModel {
  const size = manifest.input.sizePx;
  const inShape = network.inputs[0].shape;
  const outShape = network.outputs[0].shape;
  const labelCount = outShape[3] ?? 0;
  const fits = (d: number | null) => d === null || d === size;

  if (
    inShape.length !== 4 ||
    !fits(inShape[1]) ||
    !fits(inShape[2]) ||
    inShape[3] !== 1
  ) {
    throw new Error(
      `network input ${JSON.stringify(inShape)} does not match the manifest [n, ${size}, ${size}, 1]`,
    );
  }
  if (outShape.length !== 4 || !fits(outShape[1]) || !fits(outShape[2])) {
    throw new Error(
      `network output ${JSON.stringify(outShape)} is not [n, ${size}, ${size}, c]`,
    );
  }
  if (labelCount !== manifest.labels.length) {
    throw new Error(
      `network has ${labelCount} output channels, the manifest lists ${manifest.labels.length} labels`,
    );
  }

  return {
    sizePx: size,
    labelCount,
    async predict(batch: Float32Array, count: number): Promise<Float32Array> {
      const output = tf.tidy(() => {
        const input = tf.tensor4d(batch, [count, size, size, 1]);
        return network.predict(input) as tf.Tensor;
      });
      try {
        return (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
    },
  };
}
