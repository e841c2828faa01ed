/**
 * Identifiers of the three views, and of the rendering engine and tool group
 * of each viewer instance (unique, so a viewer being torn down never touches
 * its successor's).
 */
let instances = 0;

export interface ViewerIds {
  engineId: string;
  toolGroupId: string;
}

/** Fresh ids for a new viewer. */
export function nextViewerIds(): ViewerIds {
  instances += 1;
  return {
    engineId: `nephroplan-engine-${instances}`,
    toolGroupId: `nephroplan-tools-${instances}`,
  };
}

export type ViewName = 'axial' | 'coronal' | 'sagittal';
export const VIEW_NAMES: ViewName[] = ['axial', 'coronal', 'sagittal'];
