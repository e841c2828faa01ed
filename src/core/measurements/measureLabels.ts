/**
 * Measurements of a kidney/tumour label volume: volumes, per-kidney volumes
 * (left/right by LPS x), the axial slice with the largest tumour area and its
 * diameter, the maximum 3D tumour diameter and the number of tumour
 * components. One pass over the volume plus work proportional to the tumour,
 * so it can be re-run after every manual edit.
 *
 * Works with axialLayout.ts (axial slices in canonical orientation),
 * connectedComponents.ts, kidneyRegions.ts and feretDiameter.ts.
 *
 * Left and right: each 26-connected kidney-plus-tumour region counts for the
 * side kidneyRegions.ts gives it (limitations there).
 */
import {
  computeAxialLayout,
  readAxialSlice,
  type AxialLayout,
} from '../segmentation/axialLayout';
import {
  boundingBox,
  boxDims,
  findComponents,
  labelSet,
  type VoxelBox,
} from '../segmentation/connectedComponents';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import {
  boundaryMidpoints2d,
  convexHull2d,
  maxDiameter2dMm,
  maxPairDistance,
} from './feretDiameter';
import { kidneyRegions } from './kidneyRegions';
import type { KidneyMeasurement, Measurements } from './Measurements';

const TUMOUR = 2;

function measureSides(volume: LabelVolume, voxelMl: number): Measurements['kidneys'] {
  const regions = kidneyRegions(volume);
  const kidneys: Measurements['kidneys'] = { left: null, right: null };
  for (const id of regions.bySize) {
    const side = regions.side[id];
    const entry: KidneyMeasurement = kidneys[side] ?? {
      kidneyVolumeMl: 0,
      tumourVolumeMl: 0,
    };
    entry.kidneyVolumeMl += regions.kidneyVoxels[id] * voxelMl;
    entry.tumourVolumeMl += regions.tumourVoxels[id] * voxelMl;
    kidneys[side] = entry;
  }
  return kidneys;
}

/**
 * The tumour alone (labels 0/2) inside its bounding box, on a grid with the
 * same spacing and direction, so that slice work scales with the tumour.
 */
function cropTumour(volume: LabelVolume, box: VoxelBox): LabelVolume {
  const { labels, dims } = volume;
  const crop = boxDims(box);
  const out = new Uint8Array(crop[0] * crop[1] * crop[2]);
  let o = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      let v = box.min[0] + j * dims[0] + k * dims[0] * dims[1];
      for (let i = box.min[0]; i <= box.max[0]; i++, v++, o++) {
        if (labels[v] === TUMOUR) out[o] = TUMOUR;
      }
    }
  }
  return { ...volume, labels: out, dims: crop };
}

/** LPS position of the centre of slice `index` along `axis`, mm. */
function sliceCentreMm(volume: LabelVolume, axis: number, index: number): Vec3 {
  const position = [...volume.originMm] as Vec3;
  for (let a = 0; a < 3; a++) {
    const step = a === axis ? index : (volume.dims[a] - 1) / 2;
    for (let c = 0; c < 3; c++) {
      position[c] += step * volume.spacingMm[a] * volume.direction[a][c];
    }
  }
  return position;
}

/** Tumour pixels per canonical axial slice. */
function tumourAreas(labels: Uint8Array, layout: AxialLayout): Uint32Array {
  const counts = new Uint32Array(layout.sliceCount);
  const slice = new Uint8Array(layout.height * layout.width);
  for (let k = 0; k < layout.sliceCount; k++) {
    readAxialSlice(labels, layout, k, slice);
    let n = 0;
    for (let p = 0; p < slice.length; p++) if (slice[p] === TUMOUR) n++;
    counts[k] = n;
  }
  return counts;
}

/**
 * Largest 3D diameter: the farthest pair among the surface-face midpoints,
 * taking from each slice only the vertices of 2D convex hulls (a 3D hull
 * vertex is always a vertex of its slice's hull).
 */
function maxDiameter3dMm(
  labels: Uint8Array,
  layout: AxialLayout,
  areas: Uint32Array,
): number {
  const {
    height,
    width,
    rowSpacingMm: sr,
    colSpacingMm: sc,
    sliceSpacingMm: sz,
  } = layout;
  const mask = (k: number, out: Uint8Array) => {
    readAxialSlice(labels, layout, k, out);
    for (let p = 0; p < out.length; p++) out[p] = out[p] === TUMOUR ? 1 : 0;
  };
  const candidates: number[] = [];
  const addHull = (points: number[], z: number) => {
    const hull = convexHull2d(points);
    for (let p = 0; p < hull.length; p += 2) candidates.push(hull[p], hull[p + 1], z);
  };

  const below = new Uint8Array(height * width);
  const current = new Uint8Array(height * width);
  const above = new Uint8Array(height * width);
  for (let k = 0; k < layout.sliceCount; k++) {
    if (areas[k] === 0) continue;
    mask(k, current);
    if (k > 0 && areas[k - 1] > 0) mask(k - 1, below);
    else below.fill(0);
    if (k + 1 < layout.sliceCount && areas[k + 1] > 0) mask(k + 1, above);
    else above.fill(0);

    addHull(boundaryMidpoints2d(current, height, width, sr, sc), k * sz);
    const up: number[] = [];
    const down: number[] = [];
    for (let p = 0; p < current.length; p++) {
      if (!current[p]) continue;
      const x = (p % width) * sc;
      const y = Math.floor(p / width) * sr;
      if (!above[p]) up.push(x, y);
      if (!below[p]) down.push(x, y);
    }
    addHull(up, (k + 0.5) * sz);
    addHull(down, (k - 0.5) * sz);
  }
  return maxPairDistance(candidates, 3);
}

/**
 * Measures a label volume (0 background, 1 kidney, 2 tumour).
 *
 * @param volume - labels with their grid
 * @returns volumes in mL, areas in mm², diameters in cm
 */
export function measureLabels(volume: LabelVolume): Measurements {
  const { labels, dims, spacingMm } = volume;
  const voxelMl = (spacingMm[0] * spacingMm[1] * spacingMm[2]) / 1000;

  const kidneys = measureSides(volume, voxelMl);
  const tumourBox = boundingBox(labels, dims, labelSet([TUMOUR]));
  const tumour = tumourBox ? cropTumour(volume, tumourBox) : null;
  let tumourVoxels = 0;
  if (tumour)
    for (let v = 0; v < tumour.labels.length; v++) tumourVoxels += tumour.labels[v] >> 1;

  const result: Measurements = {
    tumourVolumeMl: tumourVoxels * voxelMl,
    kidneys,
    tumourSide: null,
    largestTumourSlice: null,
    largestTumourVolumeMl: 0,
    maxTumourDiameter3dCm: 0,
    tumourComponentCount: 0,
  };
  if (!tumour || !tumourBox) return result;

  const left = kidneys.left?.tumourVolumeMl ?? 0;
  const right = kidneys.right?.tumourVolumeMl ?? 0;
  result.tumourSide = left >= right ? 'left' : 'right';
  // The slice and diameters describe the largest tumour: across two separate
  // tumours a "diameter" would measure the gap between them.
  const { ids, sizes } = findComponents(
    tumour.labels,
    tumour.dims,
    labelSet([TUMOUR]),
    26,
  );
  result.tumourComponentCount = sizes.length - 1;
  let largest = 1;
  for (let id = 2; id < sizes.length; id++) if (sizes[id] > sizes[largest]) largest = id;
  result.largestTumourVolumeMl = sizes[largest] * voxelMl;
  // The crop is the tumour's bounding box, so component ids index it directly.
  for (let v = 0; v < tumour.labels.length; v++) {
    if (ids[v] !== largest) tumour.labels[v] = 0;
  }

  const layout = computeAxialLayout(tumour);
  const areas = tumourAreas(tumour.labels, layout);
  let index = 0;
  for (let k = 1; k < areas.length; k++) if (areas[k] > areas[index]) index = k;
  const slice = new Uint8Array(layout.height * layout.width);
  readAxialSlice(tumour.labels, layout, index, slice);
  for (let p = 0; p < slice.length; p++) slice[p] = slice[p] === TUMOUR ? 1 : 0;

  // The crop keeps the axis order and slice direction: only an offset differs.
  const sliceIndex = index + tumourBox.min[layout.sliceAxis];
  result.largestTumourSlice = {
    index: sliceIndex,
    viewerSliceNumber: sliceIndex + 1,
    axis: layout.sliceAxis,
    centreMm: sliceCentreMm(volume, layout.sliceAxis, sliceIndex),
    areaMm2: areas[index] * layout.rowSpacingMm * layout.colSpacingMm,
    diameterCm:
      maxDiameter2dMm(
        slice,
        layout.height,
        layout.width,
        layout.rowSpacingMm,
        layout.colSpacingMm,
      ) / 10,
  };
  result.maxTumourDiameter3dCm = maxDiameter3dMm(tumour.labels, layout, areas) / 10;
  return result;
}
