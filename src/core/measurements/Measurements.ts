/**
 * What NephroPlan measures on a segmentation; produced by measureLabels.ts,
 * shown by the app, written by the CLI and read by the planning model.
 */

/** One kidney (a connected kidney-plus-tumour region) on one side. */
export interface KidneyMeasurement {
  /** Kidney label (1) volume, mL; the tumour is not included. */
  kidneyVolumeMl: number;
  /** Tumour label (2) volume inside this kidney's region, mL. */
  tumourVolumeMl: number;
}

/** The axial slice on which the largest tumour has its largest area. */
export interface LargestTumourSlice {
  /**
   * 0-based slice index along the volume's own voxel axis `axis`: the order
   * of a DICOM series sorted along its slice normal (row × column direction,
   * inferior → superior for an ordinary axial series) or of a NIfTI file's
   * voxels as stored.
   */
  index: number;
  /**
   * The same slice counted from 1, as the app's axial view shows it in its
   * slice counter ("number / count"): always index + 1.
   */
  viewerSliceNumber: number;
  /** Volume axis (0, 1, 2) that index runs along (2 for ordinary axial series). */
  axis: number;
  /** LPS position of the slice's centre, mm (its z finds the slice in any viewer). */
  centreMm: [number, number, number];
  /** Tumour area on that slice, mm². */
  areaMm2: number;
  /** Maximum tumour diameter on that slice, cm. */
  diameterCm: number;
}

export interface Measurements {
  /** Total tumour volume, mL. */
  tumourVolumeMl: number;
  /** Per side, by LPS x (patient left = +x); null when no kidney was found there. */
  kidneys: { left: KidneyMeasurement | null; right: KidneyMeasurement | null };
  /** Side of the tumour (most tumour volume), null without tumour. */
  tumourSide: 'left' | 'right' | null;
  /** Null without tumour. */
  largestTumourSlice: LargestTumourSlice | null;
  /** Volume of the largest tumour component, mL (0 without tumour). */
  largestTumourVolumeMl: number;
  /** Maximum 3D diameter of the largest tumour component, cm (0 without tumour). */
  maxTumourDiameter3dCm: number;
  /** 26-connected tumour components. */
  tumourComponentCount: number;
}
