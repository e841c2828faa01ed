/**
 * Maximum Feret diameter (largest distance between two points of a set), in
 * 2D through the convex hull and in 3D by comparing candidate points.
 *
 * The points measured are the midpoints of the boundary faces of a voxel
 * mask — the vertices marching cubes puts on the mask surface — which is how
 * IBSI and pyradiomics define the maximum 2D and 3D diameters.
 */

/** Convex hull (Andrew's monotone chain) of flat [x0, y0, x1, y1, ...]. */
export function convexHull2d(points: Float64Array | number[]): number[] {
  const n = points.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => points[2 * a] - points[2 * b] || points[2 * a + 1] - points[2 * b + 1],
  );
  if (n < 3) return order.flatMap((i) => [points[2 * i], points[2 * i + 1]]);

  const cross = (o: number, a: number, b: number) =>
    (points[2 * a] - points[2 * o]) * (points[2 * b + 1] - points[2 * o + 1]) -
    (points[2 * a + 1] - points[2 * o + 1]) * (points[2 * b] - points[2 * o]);
  const hull: number[] = [];
  const build = (sequence: number[]) => {
    const start = hull.length;
    for (const p of sequence) {
      while (
        hull.length - start >= 2 &&
        cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0
      ) {
        hull.pop();
      }
      hull.push(p);
    }
    hull.pop();
  };
  build(order);
  build(order.slice().reverse());
  return hull.flatMap((i) => [points[2 * i], points[2 * i + 1]]);
}

/** Largest distance between two of the points (flat arrays of `dim` values each). */
export function maxPairDistance(points: ArrayLike<number>, dim: 2 | 3): number {
  const n = points.length / dim;
  let best = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let d = 0;
      for (let c = 0; c < dim; c++) d += (points[a * dim + c] - points[b * dim + c]) ** 2;
      if (d > best) best = d;
    }
  }
  return Math.sqrt(best);
}

/**
 * Boundary-edge midpoints of a 2D mask, in mm (x along columns, y along rows).
 *
 * @param mask - height × width, non-zero = inside
 * @returns flat [x, y, ...]
 */
export function boundaryMidpoints2d(
  mask: ArrayLike<number>,
  height: number,
  width: number,
  rowSpacingMm: number,
  colSpacingMm: number,
): number[] {
  const points: number[] = [];
  const at = (r: number, c: number) =>
    r >= 0 && c >= 0 && r < height && c < width && mask[r * width + c] !== 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (!at(r, c)) continue;
      const x = c * colSpacingMm;
      const y = r * rowSpacingMm;
      if (!at(r, c - 1)) points.push(x - colSpacingMm / 2, y);
      if (!at(r, c + 1)) points.push(x + colSpacingMm / 2, y);
      if (!at(r - 1, c)) points.push(x, y - rowSpacingMm / 2);
      if (!at(r + 1, c)) points.push(x, y + rowSpacingMm / 2);
    }
  }
  return points;
}

/** Maximum 2D diameter of a mask slice, mm (0 when empty). */
export function maxDiameter2dMm(
  mask: ArrayLike<number>,
  height: number,
  width: number,
  rowSpacingMm: number,
  colSpacingMm: number,
): number {
  const points = boundaryMidpoints2d(mask, height, width, rowSpacingMm, colSpacingMm);
  return maxPairDistance(convexHull2d(points), 2);
}
