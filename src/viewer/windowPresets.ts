/**
 * Display windows (width / level in HU) a urologist uses on abdominal CT.
 * A window maps HU in [level − width/2, level + width/2] to black → white.
 */
export interface WindowPreset {
  id: 'abdomen' | 'kidney' | 'bone';
  label: string;
  widthHu: number;
  levelHu: number;
  /** Keyboard shortcut shown in the toolbar. */
  key: string;
}

export const WINDOW_PRESETS: WindowPreset[] = [
  { id: 'abdomen', label: 'Soft tissue / abdomen', widthHu: 400, levelHu: 40, key: '1' },
  // Narrow window that separates enhancing cortex, medulla and a
  // hypo-enhancing renal mass on a contrast-enhanced study.
  { id: 'kidney', label: 'Kidney (narrow)', widthHu: 250, levelHu: 100, key: '2' },
  { id: 'bone', label: 'Bone', widthHu: 1800, levelHu: 400, key: '3' },
];

export const DEFAULT_PRESET = WINDOW_PRESETS[0];

/** HU range shown by a window. */
export function windowToRange(
  widthHu: number,
  levelHu: number,
): { lower: number; upper: number } {
  return { lower: levelHu - widthHu / 2, upper: levelHu + widthHu / 2 };
}

/** Window width and level of an HU range. */
export function rangeToWindow(
  lower: number,
  upper: number,
): { widthHu: number; levelHu: number } {
  return { widthHu: upper - lower, levelHu: (upper + lower) / 2 };
}
