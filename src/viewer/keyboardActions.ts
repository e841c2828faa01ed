/**
 * Keyboard shortcuts of a focused view, as pure data: the key → action table
 * the viewer applies and the help text shows.
 */
export type KeyAction =
  | { kind: 'scroll'; delta: number }
  | { kind: 'zoom'; factor: number }
  | { kind: 'preset'; index: number }
  | { kind: 'reset' };

/** The action of a key, or undefined when the key is not a shortcut. */
export function keyAction(key: string): KeyAction | undefined {
  switch (key) {
    case 'ArrowUp':
    case 'ArrowRight':
      return { kind: 'scroll', delta: 1 };
    case 'ArrowDown':
    case 'ArrowLeft':
      return { kind: 'scroll', delta: -1 };
    case 'PageUp':
      return { kind: 'scroll', delta: 10 };
    case 'PageDown':
      return { kind: 'scroll', delta: -10 };
    case '+':
    case '=':
      return { kind: 'zoom', factor: 1.25 };
    case '-':
      return { kind: 'zoom', factor: 0.8 };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case '1':
    case '2':
    case '3':
      return { kind: 'preset', index: Number(key) - 1 };
    default:
      return undefined;
  }
}

export const KEYBOARD_HELP =
  'Wheel or ↑/↓ (PgUp/PgDn ×10): slices · left drag: window/level · ' +
  'right drag or +/−: zoom · middle or Shift+drag: pan · 1–3: presets · R: reset';
