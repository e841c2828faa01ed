/**
 * Writes a label map as a gzip-compressed NIfTI-1 file (`.nii.gz`): uint8
 * voxels in the label volume's own order and shape, and an affine that puts
 * them where they were in the study.
 *
 * The affine is the label volume's LPS geometry converted to NIfTI's RAS
 * (RAS = diag(−1, −1, 1) · LPS), written as both sform and qform (code 1,
 * scanner). For NIfTI input readNifti.ts kept the voxel order and only
 * flipped the affine to LPS, so this restores the input's own affine; for
 * DICOM input it is the LPS → RAS conversion of the DICOM geometry.
 *
 * Header layout: NIfTI-1, https://nifti.nimh.nih.gov/pub/dist/src/niftilib/nifti1.h
 */
import { gzipSync } from 'fflate';
import type { LabelVolume } from '../volume/Volume';

const HEADER_BYTES = 348;
const VOX_OFFSET = 352;
const DT_UINT8 = 2;
const NIFTI_XFORM_SCANNER_ANAT = 1;
const NIFTI_UNITS_MM = 2;

/** The 4 × 4 RAS affine (voxel index → mm) of a label volume. */
export function rasAffine(
  volume: Pick<LabelVolume, 'spacingMm' | 'originMm' | 'direction'>,
): number[][] {
  const flip = [-1, -1, 1];
  // `+ 0` turns −0 into 0, so headers and printed affines stay tidy.
  const rows = [0, 1, 2].map((r) => [
    flip[r] * volume.direction[0][r] * volume.spacingMm[0] + 0,
    flip[r] * volume.direction[1][r] * volume.spacingMm[1] + 0,
    flip[r] * volume.direction[2][r] * volume.spacingMm[2] + 0,
    flip[r] * volume.originMm[r] + 0,
  ]);
  return [...rows, [0, 0, 0, 1]];
}

/**
 * Quaternion (b, c, d) and qfac of a rotation matrix whose columns are unit
 * vectors, as nifti1.h's mat44_to_quatern (a proper rotation after qfac).
 */
export function toQuaternion(columns: number[][]): {
  b: number;
  c: number;
  d: number;
  qfac: number;
} {
  // columns[a] = unit vector of voxel axis a (RAS); R[r][a] = columns[a][r].
  const R = [0, 1, 2].map((r) => [0, 1, 2].map((a) => columns[a][r]));
  const det =
    R[0][0] * (R[1][1] * R[2][2] - R[1][2] * R[2][1]) -
    R[0][1] * (R[1][0] * R[2][2] - R[1][2] * R[2][0]) +
    R[0][2] * (R[1][0] * R[2][1] - R[1][1] * R[2][0]);
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) for (let r = 0; r < 3; r++) R[r][2] = -R[r][2];

  let a = R[0][0] + R[1][1] + R[2][2] + 1;
  let b: number;
  let c: number;
  let d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (R[2][1] - R[1][2])) / a;
    c = (0.25 * (R[0][2] - R[2][0])) / a;
    d = (0.25 * (R[1][0] - R[0][1])) / a;
  } else {
    const xd = 1 + R[0][0] - (R[1][1] + R[2][2]);
    const yd = 1 + R[1][1] - (R[0][0] + R[2][2]);
    const zd = 1 + R[2][2] - (R[0][0] + R[1][1]);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (R[0][1] + R[1][0])) / b;
      d = (0.25 * (R[0][2] + R[2][0])) / b;
      a = (0.25 * (R[2][1] - R[1][2])) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (R[0][1] + R[1][0])) / c;
      d = (0.25 * (R[1][2] + R[2][1])) / c;
      a = (0.25 * (R[0][2] - R[2][0])) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (R[0][2] + R[2][0])) / d;
      c = (0.25 * (R[1][2] + R[2][1])) / d;
      a = (0.25 * (R[1][0] - R[0][1])) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b, c, d, qfac };
}

/**
 * Encodes a label volume as `.nii.gz` bytes.
 *
 * @param volume - labels and the grid they lie on
 * @param description - text for the header's 80-byte `descrip` field
 * @returns gzip-compressed NIfTI-1 bytes
 */
export function writeNifti(
  volume: LabelVolume,
  description = 'NephroPlan segmentation',
): Uint8Array {
  const [nx, ny, nz] = volume.dims;
  const bytes = new Uint8Array(VOX_OFFSET + nx * ny * nz);
  const view = new DataView(bytes.buffer);
  const le = true;

  view.setInt32(0, HEADER_BYTES, le); // sizeof_hdr
  const dim = [3, nx, ny, nz, 1, 1, 1, 1];
  dim.forEach((v, i) => view.setInt16(40 + 2 * i, v, le));
  view.setInt16(70, DT_UINT8, le); // datatype
  view.setInt16(72, 8, le); // bitpix

  const affine = rasAffine(volume);
  const columns = [0, 1, 2].map((a) =>
    [0, 1, 2].map((r) => affine[r][a] / volume.spacingMm[a]),
  );
  const q = toQuaternion(columns);
  const pixdim = [q.qfac, ...volume.spacingMm, 0, 0, 0, 0];
  pixdim.forEach((v, i) => view.setFloat32(76 + 4 * i, v, le));
  view.setFloat32(108, VOX_OFFSET, le); // vox_offset
  view.setFloat32(112, 1, le); // scl_slope
  view.setFloat32(116, 0, le); // scl_inter
  view.setUint8(123, NIFTI_UNITS_MM); // xyzt_units
  view.setFloat32(132, 2, le); // cal_max: labels run 0..2
  new TextEncoder().encodeInto(description.slice(0, 79), bytes.subarray(148, 228));

  view.setInt16(252, NIFTI_XFORM_SCANNER_ANAT, le); // qform_code
  view.setInt16(254, NIFTI_XFORM_SCANNER_ANAT, le); // sform_code
  [q.b, q.c, q.d, affine[0][3], affine[1][3], affine[2][3]].forEach((v, i) =>
    view.setFloat32(256 + 4 * i, v, le),
  );
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) view.setFloat32(280 + 16 * r + 4 * c, affine[r][c], le);
  }
  new TextEncoder().encodeInto('n+1\0', bytes.subarray(344, 348)); // magic

  bytes.set(volume.labels, VOX_OFFSET);
  return gzipSync(bytes, { level: 6 });
}
