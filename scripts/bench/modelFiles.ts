/** Reads the network under test from disk: its manifest and model.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import {
  parseSegmentationManifest,
  type SegmentationManifest,
} from '../../src/core/segmentation/SegmentationManifest';

/** The validated manifest; the benchmark also needs its ONNX export. */
export function readManifest(
  modelDir: string,
): SegmentationManifest & { onnxFile: string } {
  const manifest = parseSegmentationManifest(
    JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')),
  );
  if (!manifest.onnxFile) throw new Error(`${modelDir}/manifest.json names no onnxFile`);
  return { ...manifest, onnxFile: manifest.onnxFile };
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
}

export function readModelJson(path: string): ModelJson {
  return JSON.parse(readFileSync(path, 'utf8'));
}
