/**
 * React state of the planning model's loading: the model once loaded, or the
 * reason it could not be.
 */
import { useEffect, useState } from 'react';
import { loadAppPlanningModel, type LoadedPlanningModel } from './planningModel';

export type PlanningModelState =
  | { status: 'loading' }
  | { status: 'ready'; loaded: LoadedPlanningModel }
  | { status: 'failed'; message: string };

export function usePlanningModel(): PlanningModelState {
  const [state, setState] = useState<PlanningModelState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadAppPlanningModel().then(
      (loaded) => live && setState({ status: 'ready', loaded }),
      (err: unknown) =>
        live &&
        setState({
          status: 'failed',
          message: err instanceof Error ? err.message : String(err),
        }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
