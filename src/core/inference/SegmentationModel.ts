/**
 * A loaded segmentation network with its manifest, ready for the slice runner.
 * Produced by loadSegmentationModel.ts (browser, fetch) and
 * loadSegmentationModelFromDir.ts (Node, file system).
 */
import type { TfNetwork } from './compileLayersModel';
import type { SegmentationManifest } from '../segmentation/SegmentationManifest';
import type { SliceModel } from '../segmentation/SliceModel';

export interface SegmentationModel {
  manifest: SegmentationManifest;
  /**
   * The tfjs network as the app runs it: the LayersModel compiled to fused
   * ops (compileLayersModel.ts), or the LayersModel itself when it does not
   * compile. Dispose it with `dispose()`.
   */
  network: TfNetwork;
  /** The network behind the slice runner's interface. */
  sliceModel: SliceModel;
  /** Frees the network's weights. */
  dispose(): void;
}
