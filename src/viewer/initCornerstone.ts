/**
 * One-time start-up of Cornerstone3D core and tools, and registration of the
 * tools the viewer uses. Safe to call more than once.
 */
import { init as initCore } from '@cornerstonejs/core';
import {
  addTool,
  BrushTool,
  init as initTools,
  PanTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';

let started: Promise<void> | undefined;

/** Initialises Cornerstone once; later calls return the same promise. */
export function initCornerstone(): Promise<void> {
  started ??= (async () => {
    initCore();
    initTools();
    for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, BrushTool])
      addTool(tool);
  })();
  return started;
}
