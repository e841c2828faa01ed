/**
 * The fixed direction sets of the caliper diameters (Python:
 * `sphere_directions` and `circle_directions` in `training/plan/geometry.py`).
 */

/** `n` unit vectors on a Fibonacci half-sphere (z > 0). */
export function sphereDirections(n = 64): [number, number, number][] {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const z = 1 - (i + 0.5) / n;
    const r = Math.sqrt(1 - z * z);
    out.push([r * Math.cos(i * golden), r * Math.sin(i * golden), z]);
  }
  return out;
}

/** `n` unit vectors over half a circle. */
export function circleDirections(n = 64): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (Math.PI * i) / n;
    out.push([Math.cos(a), Math.sin(a)]);
  }
  return out;
}
