/**
 * Mouse bindings shared by the three views: left drag window/level,
 * right drag zoom, middle drag (or Shift + left drag) pan, wheel scroll;
 * brush and eraser (passive until labelmap/editTools.ts activates one).
 */
import {
  Enums as ToolEnums,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { addEditTools } from './labelmap/editTools';

const { MouseBindings, KeyboardBindings } = ToolEnums;

/** Creates a tool group with the viewer's bindings active. */
export function createToolGroup(toolGroupId: string) {
  const group = ToolGroupManager.createToolGroup(toolGroupId);
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
  addEditTools(group);
  return group;
}
