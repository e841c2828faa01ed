/**
 * Loads the segmentation network from a folder in Node (CLI, tests, benchmark):
 * manifest.json, the model.json it names and the weight shards model.json
 * lists, read through a tfjs IOHandler on the file system.
 *
 * Node only (imports node:fs); the browser uses loadSegmentationModel.ts.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseSegmentationManifest } from '../segmentation/SegmentationManifest';
import { wrap } from './loadSegmentationModel';
import type { SegmentationModel } from './SegmentationModel';

/** A tfjs IOHandler that reads model.json and its weight shards from disk. */
export function fileSystemIOHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const folder = dirname(modelJsonPath);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of json.weightsManifest ?? []) {
        weightSpecs.push(...group.weights);
        for (const path of group.paths) buffers.push(await readFile(join(folder, path)));
      }

      const total = buffers.reduce((n, b) => n + b.byteLength, 0);
      const weightData = new Uint8Array(total);
      let offset = 0;
      for (const b of buffers) {
        weightData.set(b, offset);
        offset += b.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        weightSpecs,
        weightData: weightData.buffer,
      };
    },
  };
}

/**
 * @param folder - folder holding manifest.json
 * @throws Error when a file is missing, the manifest is invalid or the
 *   network does not match it
 */
export async function loadSegmentationModelFromDir(
  folder: string,
): Promise<SegmentationModel> {
  const manifestPath = join(folder, 'manifest.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new Error(`no segmentation model: ${manifestPath} cannot be read`);
  }
  const manifest = parseSegmentationManifest(JSON.parse(text));
  const network = await tf.loadLayersModel(
    fileSystemIOHandler(join(folder, manifest.modelFile)),
  );
  return wrap(manifest, network);
}
