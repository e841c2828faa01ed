/**
 * Loads the planning network (tfjs LayersModel) named by a planning manifest
 * and runs it on one patient: standardised tabular inputs in manifest order,
 * the crop as an NHWC image, three raw outputs turned into probabilities and
 * minutes. Uses whichever tfjs backend is active (see core/inference).
 */
import * as tf from '@tensorflow/tfjs';
import type { ClinicalInputs } from './clinicalInputs';
import type { GeometryFeatures } from './geometryFeatures';
import type { PlanningManifest } from './PlanningManifest';

/** The network's outputs in clinical units. */
export interface RawPlanningPrediction {
  /** P(radical nephrectomy). */
  probabilityRadical: number;
  /** P(retroperitoneal approach). */
  probabilityRetroperitoneal: number;
  /** Predicted operative time, minutes. */
  timeMin: number;
}

export interface PlanningModel {
  manifest: PlanningManifest;
  predict(
    crop: Float32Array,
    geometry: GeometryFeatures,
    clinical: ClinicalInputs,
  ): RawPlanningPrediction;
  dispose(): void;
}

/** The standardised tabular vector in manifest order. */
export function tabularVector(
  manifest: PlanningManifest,
  geometry: GeometryFeatures,
  clinical: ClinicalInputs,
): Float32Array {
  const values: Record<string, number> = { ...clinical, ...geometry };
  return Float32Array.from(
    manifest.input.tabular.map((f) => {
      const v = values[f.name];
      if (v === undefined) throw new Error(`no value for planning feature "${f.name}"`);
      return Number.isFinite(v) ? (v - f.mean) / f.sd : 0;
    }),
  );
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Wraps a loaded LayersModel; checks its input shapes against the manifest. */
export function wrapPlanningModel(
  net: tf.LayersModel,
  manifest: PlanningManifest,
): PlanningModel {
  const { sizePx, channels } = manifest.input.image;
  const nTab = manifest.input.tabular.length;
  const shapes = net.inputs.map((t) => t.shape.slice(1).join('x'));
  const want = [`${sizePx}x${sizePx}x${channels.length}`, `${nTab}`];
  if (shapes.join(',') !== want.join(',')) {
    throw new Error(
      `planning network inputs ${shapes} do not match the manifest (${want})`,
    );
  }
  return {
    manifest,
    predict(crop, geometry, clinical) {
      const tab = tabularVector(manifest, geometry, clinical);
      const out = tf.tidy(() => {
        const img = tf.tensor4d(crop, [1, sizePx, sizePx, channels.length]);
        const t = tf.tensor2d(tab, [1, nTab]);
        return (net.predict([img, t]) as tf.Tensor).dataSync();
      });
      const time = manifest.output.time;
      return {
        probabilityRadical: sigmoid(out[0]),
        probabilityRetroperitoneal: sigmoid(out[1]),
        timeMin: out[2] * time.sdMin + time.meanMin,
      };
    },
    dispose: () => net.dispose(),
  };
}

/**
 * Browser (or any fetch) loading.
 *
 * @param manifestUrl - URL of manifest.json; the model file is resolved next to it
 */
export async function loadPlanningModel(manifestUrl: string): Promise<PlanningModel> {
  const { parsePlanningManifest } = await import('./PlanningManifest');
  const res = await fetch(manifestUrl);
  if (!res.ok) throw new Error(`planning manifest ${manifestUrl}: HTTP ${res.status}`);
  const manifest = parsePlanningManifest(await res.json());
  const modelUrl = new URL(
    manifest.modelFile,
    new URL(manifestUrl, globalThis.location?.href),
  ).href;
  return wrapPlanningModel(await tf.loadLayersModel(modelUrl), manifest);
}
