/**
 * The brush and eraser on the three views: two instances of Cornerstone's
 * BrushTool (paint a circle with the active segment, erase a circle), radius
 * in mm. While one is active it takes the left mouse button from
 * window/level; switching back to 'none' returns it.
 *
 * Works with createToolGroup.ts (which adds the instances, passive) and
 * LabelmapOverlay.ts (whose active segment the brush paints).
 */
import { BrushTool, WindowLevelTool, Enums as ToolEnums } from '@cornerstonejs/tools';
import type { Types as ToolTypes } from '@cornerstonejs/tools';

export type EditToolName = 'none' | 'brush' | 'eraser';

export const BRUSH_TOOL = 'NephroplanBrush';
export const ERASER_TOOL = 'NephroplanEraser';

const PRIMARY = [{ mouseButton: ToolEnums.MouseBindings.Primary }];

/** Adds the brush and eraser instances (passive) to a tool group. */
export function addEditTools(group: ToolTypes.IToolGroup): void {
  group.addToolInstance(BRUSH_TOOL, BrushTool.toolName, {
    activeStrategy: 'FILL_INSIDE_CIRCLE',
  });
  group.addToolInstance(ERASER_TOOL, BrushTool.toolName, {
    activeStrategy: 'ERASE_INSIDE_CIRCLE',
  });
  group.setToolPassive(BRUSH_TOOL);
  group.setToolPassive(ERASER_TOOL);
}

/**
 * Makes `tool` the left-button tool of the group.
 *
 * @param radiusMm - brush and eraser radius
 */
export function setEditTool(
  group: ToolTypes.IToolGroup,
  tool: EditToolName,
  radiusMm: number,
): void {
  for (const name of [BRUSH_TOOL, ERASER_TOOL]) {
    group.setToolConfiguration(name, { brushSize: radiusMm });
    group.setToolDisabled(name);
  }
  if (tool === 'none') {
    group.setToolActive(WindowLevelTool.toolName, { bindings: PRIMARY });
    return;
  }
  group.setToolPassive(WindowLevelTool.toolName);
  group.setToolActive(tool === 'brush' ? BRUSH_TOOL : ERASER_TOOL, {
    bindings: PRIMARY,
  });
}
