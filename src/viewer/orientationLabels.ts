/**
 * Patient-direction letters for the edges of a view (R/L, A/P, S/I), from the
 * camera: up on screen is `viewUp`, right is `viewUp × viewPlaneNormal`
 * (Cornerstone/VTK cameras; the normal points toward the viewer).
 */
import type { Vec3 } from '../core/volume/Volume';
import { cross } from '../core/volume/vec3';

export interface EdgeLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

const LETTERS: [string, string][] = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
];

/** Letters of an LPS direction, strongest first; minor components under 0.3 left out. */
export function directionLetters(v: Vec3): string {
  return [0, 1, 2]
    .filter((a) => Math.abs(v[a]) >= 0.3)
    .sort((a, b) => Math.abs(v[b]) - Math.abs(v[a]))
    .map((a) => LETTERS[a][v[a] > 0 ? 0 : 1])
    .join('');
}

/** The letters at the four edges of a view. */
export function orientationLabels(viewUp: Vec3, viewPlaneNormal: Vec3): EdgeLabels {
  const right = cross(viewUp, viewPlaneNormal);
  const neg = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];
  return {
    top: directionLetters(viewUp),
    bottom: directionLetters(neg(viewUp)),
    right: directionLetters(right),
    left: directionLetters(neg(right)),
  };
}
