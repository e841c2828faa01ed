/**
 * The segmentation manifest as docs/architecture.md defines it, read by the
 * benchmark. TODO: use src/core/segmentation's type once that module exists.
 */
export interface SegmentationManifest {
  name: string;
  version: string;
  /** tfjs LayersModel, relative to the manifest. */
  modelFile: string;
  /** The same network exported to ONNX, relative to the manifest. */
  onnxFile: string;
  labels: string[];
  input: {
    layout: 'NHWC';
    sizePx: number;
    spacingMm: number;
    channels: number;
  };
  intensity: { windowHu: [number, number]; outsideValueHu: number };
  unknownSpacingMm: number;
  output: 'softmax';
}
