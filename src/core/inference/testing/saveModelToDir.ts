/**
 * Writes a tfjs LayersModel and a segmentation manifest into a folder, in the
 * layout models/segmentation uses (manifest.json, model.json, weights.bin).
 * Node only; for tests and the benchmark.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { SegmentationManifest } from '../../segmentation/SegmentationManifest';

/** A manifest like the real one, for a network of the given input size. */
export function testManifest(sizePx: number, spacingMm = 1.5): SegmentationManifest {
  return {
    name: 'test-network',
    version: '0.0.0',
    modelFile: 'model.json',
    labels: ['background', 'kidney', 'tumour'],
    input: { layout: 'NHWC', sizePx, spacingMm, channels: 1 },
    intensity: { windowHu: [0, 255], outsideValueHu: -1000 },
    unknownSpacingMm: 0.78,
    output: 'softmax',
  };
}

function joinWeights(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * @param model - the network
 * @param manifest - written as manifest.json (its modelFile should be model.json)
 * @param folder - created when missing
 */
export async function saveModelToDir(
  model: tf.LayersModel,
  manifest: SegmentationManifest,
  folder: string,
): Promise<void> {
  await mkdir(folder, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const modelJson = {
        format: 'layers-model',
        generatedBy: 'nephroplan tests',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [
          { paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] },
        ],
      };
      await writeFile(join(folder, manifest.modelFile), JSON.stringify(modelJson));
      await writeFile(join(folder, 'weights.bin'), joinWeights(artifacts.weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
}
