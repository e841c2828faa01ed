/**
 * The planning features of the active mask, computed once per mask (about a
 * second for a whole study, on the main thread, after the "measuring" state
 * has been painted), and the mask's size suggestion offered to the form,
 * which takes it only once the user has confirmed the mask's tumour
 * (planningStore.suggestSize).
 */
import { useEffect, useState } from 'react';
import type { CropSpec } from '../../../core/planning/largestSliceCrop';
import {
  extractPlanningFeatures,
  type PlanningFeatures,
} from '../../../core/planning/planningFeatures';
import { usePlanningStore } from '../../store/planningStore';
import type { ActiveMask } from './useActiveMask';

export type FeaturesState =
  | { status: 'none' }
  | { status: 'measuring'; key: string }
  | { status: 'ready'; key: string; features: PlanningFeatures }
  | { status: 'failed'; key: string; message: string };

export function usePlanningFeatures(
  mask: ActiveMask | null,
  crop: CropSpec | null,
): FeaturesState {
  const [state, setState] = useState<FeaturesState>({ status: 'none' });
  const suggestSize = usePlanningStore((s) => s.suggestSize);
  const key = mask && crop ? mask.key : null;
  const reviewKey = mask?.reviewKey ?? null;

  useEffect(() => {
    if (!mask || !crop || !key || !reviewKey) {
      setState({ status: 'none' });
      return;
    }
    setState({ status: 'measuring', key });
    // Let the browser paint "measuring" before the synchronous work.
    const timer = setTimeout(() => {
      try {
        const features = extractPlanningFeatures(mask.labels, crop);
        setState({ status: 'ready', key, features });
        suggestSize(reviewKey, features.suggestedSizeCm);
      } catch (err) {
        setState({
          status: 'failed',
          key,
          message: err instanceof Error ? err.message : String(err),
        });
      }
    }, 30);
    return () => clearTimeout(timer);
    // The key identifies the mask (its labels change only with the key).
  }, [key, reviewKey, crop, suggestSize]);

  return state;
}
