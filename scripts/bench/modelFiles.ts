/** Reads the shipped network from disk: manifest, tfjs artifacts, ONNX path. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { SegmentationManifest } from '../../src/bench/manifest';

export function readManifest(modelDir: string): SegmentationManifest {
  return JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
}

export function readModelJson(path: string): ModelJson {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The tfjs model's artifacts (topology, weight specs, concatenated shards). */
export function readLayersArtifacts(modelJsonPath: string): tfjs.io.ModelArtifacts {
  const json = readModelJson(modelJsonPath);
  const dir = dirname(modelJsonPath);
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = json.weightsManifest.flatMap((g) =>
    g.paths.map((p) => readFileSync(join(dir, p))),
  );
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return {
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: weightData as ArrayBuffer,
  };
}
