/**
 * Loads the planning network from a folder in Node (CLI, tests): manifest.json
 * and the model.json plus weight shards it names. Node only (node:fs); the
 * browser uses `loadPlanningModel` in PlanningModel.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fileSystemIOHandler } from '../inference/loadSegmentationModelFromDir';
import { parsePlanningManifest } from './PlanningManifest';
import { wrapPlanningModel, type PlanningModel } from './PlanningModel';

/**
 * @param folder - folder holding manifest.json (normally models/planning)
 * @throws Error when a file is missing or the network does not match the manifest
 */
export async function loadPlanningModelFromDir(folder: string): Promise<PlanningModel> {
  const manifestPath = join(folder, 'manifest.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new Error(`no planning model: ${manifestPath} cannot be read`);
  }
  const manifest = parsePlanningManifest(JSON.parse(text));
  const net = await tf.loadLayersModel(
    fileSystemIOHandler(join(folder, manifest.modelFile)),
  );
  return wrapPlanningModel(net, manifest);
}
