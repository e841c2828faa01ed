/**
 * 3D connected components of the voxels whose label is in a given set,
 * computed inside the set's bounding box so that memory stays proportional to
 * the labelled region rather than the whole study.
 *
 * Used by postprocessLabels.ts (keep kidneys, drop tumour islands, fill holes)
 * and by the measurements (tumour component count, left/right kidney).
 */
import type { Vec3 } from '../volume/Volume';

/** Inclusive voxel bounding box. */
export interface VoxelBox {
  min: Vec3;
  max: Vec3;
}

export interface Components {
  /** Bounding box of the member voxels; null when there are none. */
  box: VoxelBox | null;
  /** Component id (1-based) per voxel of the box, 0 for non-members. */
  ids: Int32Array;
  /** sizes[id] = voxel count of component id; sizes[0] is unused (0). */
  sizes: number[];
}

/** 6 = face neighbours, 26 = face, edge and corner neighbours. */
export type Connectivity = 6 | 26;

/** Neighbour offsets (di, dj, dk) for a connectivity. */
export function neighbourOffsets(connectivity: Connectivity): Vec3[] {
  const offsets: Vec3[] = [];
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const order = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (order === 0 || (connectivity === 6 && order > 1)) continue;
        offsets.push([di, dj, dk]);
      }
    }
  }
  return offsets;
}

/** A 256-entry membership table for a set of labels. */
export function labelSet(labels: number[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const l of labels) table[l] = 1;
  return table;
}

/**
 * Bounding box of the voxels whose label is in `members`.
 *
 * @returns the inclusive box, or null when no voxel is a member
 */
export function boundingBox(labels: Uint8Array, dims: Vec3, members: Uint8Array): VoxelBox | null {
  const [nx, ny, nz] = dims;
  const min: Vec3 = [nx, ny, nz];
  const max: Vec3 = [-1, -1, -1];
  let v = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        if (!members[labels[v]]) continue;
        if (i < min[0]) min[0] = i;
        if (i > max[0]) max[0] = i;
        if (j < min[1]) min[1] = j;
        if (j > max[1]) max[1] = j;
        if (k < min[2]) min[2] = k;
        if (k > max[2]) max[2] = k;
      }
    }
  }
  return max[0] < 0 ? null : { min, max };
}

/** Voxel counts along each axis of a box. */
export function boxDims(box: VoxelBox): Vec3 {
  return [
    box.max[0] - box.min[0] + 1,
    box.max[1] - box.min[1] + 1,
    box.max[2] - box.min[2] + 1,
  ];
}

/**
 * Labels the connected components of the voxels whose label is in `members`.
 *
 * @param labels - label per voxel, volume order
 * @param dims - volume dims
 * @param members - membership table from labelSet
 * @param connectivity - 6 or 26
 */
export function findComponents(
  labels: Uint8Array,
  dims: Vec3,
  members: Uint8Array,
  connectivity: Connectivity = 26,
): Components {
  const box = boundingBox(labels, dims, members);
  if (!box) return { box: null, ids: new Int32Array(0), sizes: [0] };
  return findComponentsInBox(labels, dims, members, box, connectivity);
}

/**
 * Like findComponents, but only inside `box`: voxels outside it are ignored,
 * so a component that leaves the box is split where it leaves.
 */
export function findComponentsInBox(
  labels: Uint8Array,
  dims: Vec3,
  members: Uint8Array,
  box: VoxelBox,
  connectivity: Connectivity = 26,
): Components {
  const [bx, by, bz] = boxDims(box);
  const plane = bx * by;
  const ids = new Int32Array(bx * by * bz);
  const queue = new Int32Array(bx * by * bz);
  const offsets = neighbourOffsets(connectivity);
  const sizes = [0];
  const volumeOffset = box.min[0] + box.min[1] * dims[0] + box.min[2] * dims[0] * dims[1];
  const isMember = (i: number, j: number, k: number) =>
    members[labels[volumeOffset + i + j * dims[0] + k * dims[0] * dims[1]]] === 1;

  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        const seed = i + j * bx + k * plane;
        if (ids[seed] !== 0 || !isMember(i, j, k)) continue;

        const id = sizes.length;
        let head = 0;
        let tail = 0;
        ids[seed] = id;
        queue[tail++] = seed;
        while (head < tail) {
          const b = queue[head++];
          const ck = Math.floor(b / plane);
          const cj = Math.floor((b - ck * plane) / bx);
          const ci = b - ck * plane - cj * bx;
          for (const [di, dj, dk] of offsets) {
            const ni = ci + di;
            const nj = cj + dj;
            const nk = ck + dk;
            if (ni < 0 || nj < 0 || nk < 0 || ni >= bx || nj >= by || nk >= bz) continue;
            const n = ni + nj * bx + nk * plane;
            if (ids[n] !== 0 || !isMember(ni, nj, nk)) continue;
            ids[n] = id;
            queue[tail++] = n;
          }
        }
        sizes.push(tail);
      }
    }
  }
  return { box, ids, sizes };
}
