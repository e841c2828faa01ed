/** Identifiers of the rendering engine, tool group and the three views. */
export const RENDERING_ENGINE_ID = 'nephroplan-engine';
export const TOOL_GROUP_ID = 'nephroplan-tools';

export type ViewName = 'axial' | 'coronal' | 'sagittal';
export const VIEW_NAMES: ViewName[] = ['axial', 'coronal', 'sagittal'];
