/**
 * The app's planning model, loaded once per page on the main thread (7.8 k
 * parameters: a prediction takes milliseconds). It runs on tfjs's WASM
 * backend, as the CLI does, so the app and `npm run cli -- plan` give the same
 * numbers; initBackend falls back (and says why) where WASM cannot start.
 */
import { initBackend } from '../../../core/inference/initBackend';
import type { BackendChoice } from '../../../core/inference/chooseBackend';
import { loadPlanningModel } from '../../../core/planning/PlanningModel';
import type { PlanningModel } from '../../../core/planning/PlanningModel';
import { TFJS_WASM_URLS } from '../../../workers/wasmAssetUrls';

/** Where the app serves the models (see scripts/vite/serveModels.ts). */
export const MODELS_URL = `${import.meta.env.BASE_URL}models/`;

export interface LoadedPlanningModel {
  model: PlanningModel;
  backend: BackendChoice;
}

let loading: Promise<LoadedPlanningModel> | null = null;

/** Loads the model on the first call; later calls share that promise. */
export function loadAppPlanningModel(): Promise<LoadedPlanningModel> {
  loading ??= (async () => {
    const backend = await initBackend({
      requested: 'wasm',
      requestedBecause: 'the planning model always runs on WASM (a small network)',
      wasmPaths: TFJS_WASM_URLS,
    });
    const model = await loadPlanningModel(`${MODELS_URL}planning/manifest.json`);
    return { model, backend };
  })();
  // A failed load may be retried (e.g. after a network hiccup on a dev server).
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
