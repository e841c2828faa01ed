/**
 * A loaded segmentation network with its manifest, ready for the slice runner.
 * Produced by loadSegmentationModel.ts (browser, fetch) and
 * loadSegmentationModelFromDir.ts (Node, file system).
 */
import type * as tf from '@tensorflow/tfjs';
import type { SegmentationManifest } from '../segmentation/SegmentationManifest';
import type { SliceModel } from '../segmentation/SliceModel';

export interface SegmentationModel {
  manifest: SegmentationManifest;
  /** The tfjs network (dispose it with `dispose()`). */
  network: tf.LayersModel;
  /** The network behind the slice runner's interface. */
  sliceModel: SliceModel;
  /** Frees the network's weights. */
  dispose(): void;
}
