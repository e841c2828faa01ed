/**
 * Mouse bindings shared by the three views: left drag window/level,
 * right drag zoom, middle drag (or Shift + left drag) pan, wheel scroll.
 */
import {
  Enums as ToolEnums,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { TOOL_GROUP_ID } from './viewportIds';

const { MouseBindings, KeyboardBindings } = ToolEnums;

/** Creates the tool group (replacing a stale one) and activates the tools. */
export function createToolGroup() {
  if (ToolGroupManager.getToolGroup(TOOL_GROUP_ID)) {
    ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
  }
  const group = ToolGroupManager.createToolGroup(TOOL_GROUP_ID);
  if (!group) throw new Error('Cornerstone could not create the tool group');
  for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool]) {
    group.addTool(tool.toolName);
  }
  group.setToolActive(WindowLevelTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Primary }],
  });
  group.setToolActive(PanTool.toolName, {
    bindings: [
      { mouseButton: MouseBindings.Auxiliary },
      { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Shift },
    ],
  });
  group.setToolActive(ZoomTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Secondary }],
  });
  group.setToolActive(StackScrollTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Wheel }],
  });
  return group;
}
