/**
 * The synthetic abdomen: a handful of analytic shapes in LPS millimetres
 * (x → patient left, y → posterior, z → head), each with a CT-like HU value.
 * Later shapes paint over earlier ones. The left kidney holds a tumour.
 * Labels follow the segmentation convention: 0 background, 1 kidney, 2 tumour.
 */
import type { Vec3 } from '../../src/core/volume/Volume';

export interface Shape {
  name: string;
  hu: number;
  /** 0 background, 1 kidney, 2 tumour. */
  label: 0 | 1 | 2;
  contains(p: Vec3): boolean;
}

/** Axis-aligned ellipsoid (or an infinite elliptic cylinder when rz = Infinity). */
function ellipsoid(c: Vec3, r: Vec3): (p: Vec3) => boolean {
  return (p) =>
    ((p[0] - c[0]) / r[0]) ** 2 +
      ((p[1] - c[1]) / r[1]) ** 2 +
      ((p[2] - c[2]) / r[2]) ** 2 <=
    1;
}

const TALL = Infinity;

/** Kidney centres (mm) and semi-axes: 11 × 6 × 5 cm kidneys. */
export const RIGHT_KIDNEY = { centre: [-75, 40, 0] as Vec3, radii: [28, 24, 55] as Vec3 };
export const LEFT_KIDNEY = { centre: [75, 40, 5] as Vec3, radii: [28, 24, 55] as Vec3 };
/** A 4 cm, partly exophytic tumour at the left kidney's upper pole (StudyInfo.tsx describes it). */
export const TUMOUR = { centre: [92, 38, 30] as Vec3, radiusMm: 20 };

export const SHAPES: Shape[] = [
  {
    name: 'subcutaneous fat',
    hu: -100,
    label: 0,
    contains: ellipsoid([0, 0, 0], [165, 120, TALL]),
  },
  {
    name: 'abdominal wall muscle',
    hu: 50,
    label: 0,
    contains: ellipsoid([0, 0, 0], [148, 104, TALL]),
  },
  {
    name: 'visceral fat',
    hu: -90,
    label: 0,
    contains: ellipsoid([0, 2, 0], [138, 95, TALL]),
  },
  { name: 'bowel', hu: 35, label: 0, contains: ellipsoid([0, -40, 0], [95, 45, TALL]) },
  { name: 'liver', hu: 60, label: 0, contains: ellipsoid([-70, -5, 60], [65, 60, 45]) },
  {
    name: 'right psoas',
    hu: 50,
    label: 0,
    contains: ellipsoid([-35, 65, 0], [18, 16, TALL]),
  },
  {
    name: 'left psoas',
    hu: 50,
    label: 0,
    contains: ellipsoid([35, 65, 0], [18, 16, TALL]),
  },
  {
    name: 'vertebral body',
    hu: 700,
    label: 0,
    contains: ellipsoid([0, 62, 0], [22, 19, TALL]),
  },
  {
    name: 'cancellous bone',
    hu: 250,
    label: 0,
    contains: ellipsoid([0, 62, 0], [18, 15, TALL]),
  },
  {
    name: 'spinal canal',
    hu: 15,
    label: 0,
    contains: ellipsoid([0, 92, 0], [9, 8, TALL]),
  },
  {
    name: 'spinous process',
    hu: 650,
    label: 0,
    contains: ellipsoid([0, 108, 0], [5, 8, TALL]),
  },
  { name: 'aorta', hu: 200, label: 0, contains: ellipsoid([12, 32, 0], [11, 11, TALL]) },
  {
    name: 'inferior vena cava',
    hu: 150,
    label: 0,
    contains: ellipsoid([-22, 30, 0], [12, 10, TALL]),
  },
  {
    name: 'right kidney',
    hu: 160,
    label: 1,
    contains: ellipsoid(RIGHT_KIDNEY.centre, RIGHT_KIDNEY.radii),
  },
  {
    name: 'right renal sinus',
    hu: -60,
    label: 1,
    contains: ellipsoid([-60, 40, 0], [8, 8, 22]),
  },
  {
    name: 'left kidney',
    hu: 160,
    label: 1,
    contains: ellipsoid(LEFT_KIDNEY.centre, LEFT_KIDNEY.radii),
  },
  {
    name: 'left renal sinus',
    hu: -60,
    label: 1,
    contains: ellipsoid([60, 40, 5], [8, 8, 22]),
  },
  {
    name: 'tumour',
    hu: 70,
    label: 2,
    contains: ellipsoid(TUMOUR.centre, [
      TUMOUR.radiusMm,
      TUMOUR.radiusMm,
      TUMOUR.radiusMm,
    ]),
  },
];

/** Noise-free HU and label at an LPS point (air outside the body). */
export function tissueAt(p: Vec3): { hu: number; label: 0 | 1 | 2 } {
  let hu = -1000;
  let label: 0 | 1 | 2 = 0;
  for (const s of SHAPES) {
    if (s.contains(p)) {
      hu = s.hu;
      label = s.label;
    }
  }
  return { hu, label };
}
