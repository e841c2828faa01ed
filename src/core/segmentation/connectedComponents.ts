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
export function boundingBox(
  labels: Uint8Array,
  dims: Vec3,
  members: Uint8Array,
): VoxelBox | null {
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
  // Work on the box padded by one non-member voxel on every side, so that
  // neighbours are plain index offsets with no bounds checks.
  const [bx, by, bz] = boxDims(box);
  const px = bx + 2;
  const pplane = px * (by + 2);
  const member = new Uint8Array(pplane * (bz + 2));
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      let v =
        box.min[0] + (box.min[1] + j) * dims[0] + (box.min[2] + k) * dims[0] * dims[1];
      let p = 1 + (j + 1) * px + (k + 1) * pplane;
      for (let i = 0; i < bx; i++, v++, p++) member[p] = members[labels[v]];
    }
  }

  const steps = Int32Array.from(
    neighbourOffsets(connectivity).map(([di, dj, dk]) => di + dj * px + dk * pplane),
  );
  const padded = new Int32Array(member.length);
  const queue = new Int32Array(bx * by * bz);
  const sizes = [0];
  for (let seed = 0; seed < member.length; seed++) {
    if (!member[seed] || padded[seed] !== 0) continue;
    const id = sizes.length;
    let head = 0;
    let tail = 0;
    padded[seed] = id;
    queue[tail++] = seed;
    while (head < tail) {
      const b = queue[head++];
      for (let s = 0; s < steps.length; s++) {
        const n = b + steps[s];
        if (member[n] && padded[n] === 0) {
          padded[n] = id;
          queue[tail++] = n;
        }
      }
    }
    sizes.push(tail);
  }

  const ids = new Int32Array(bx * by * bz);
  let b = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      let p = 1 + (j + 1) * px + (k + 1) * pplane;
      for (let i = 0; i < bx; i++, b++, p++) ids[b] = padded[p];
    }
  }
  return { box, ids, sizes };
}
