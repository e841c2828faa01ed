/**
 * Reads a NIfTI-1/2 volume (`.nii`, or `.nii.gz` recognised by its gzip magic)
 * into a {@link Volume}. The voxel array is kept exactly as stored (no axis
 * flips or transposes); only the affine changes: NIfTI world coordinates are
 * RAS, ours LPS, so LPS = diag(-1, -1, 1) · affine. A label map written back
 * on the same grid therefore has the same shape and affine as the input.
 *
 * The affine is the sform when sform_code > 0, else the qform, else the voxel
 * sizes (NIfTI-1 header "method 1/2/3").
 *
 * Limitations: only the first 3D volume of a 4D file is read; complex and RGB
 * data types are rejected.
 */
import * as nifti from 'nifti-reader-js';
import { gunzipSync } from 'fflate';
import type { Vec3, Volume } from '../volume/Volume';
import { norm } from '../volume/vec3';
import { toHuVoxels } from './niftiVoxels';

/** gzip streams start with 1f 8b (RFC 1952 §2.3.1). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
}

/** NIfTI-1 sform rows (srow_x, srow_y, srow_z) at bytes 280–327 of the header. */
function readSform1(buffer: ArrayBuffer, littleEndian: boolean): number[][] {
  const view = new DataView(buffer);
  const rows: number[][] = [];
  for (let r = 0; r < 3; r++) {
    const row: number[] = [];
    for (let c = 0; c < 4; c++)
      row.push(view.getFloat32(280 + 16 * r + 4 * c, littleEndian));
    rows.push(row);
  }
  rows.push([0, 0, 0, 1]);
  return rows;
}

type Header = nifti.NIFTI1 | nifti.NIFTI2;

function affineOf(header: Header, buffer: ArrayBuffer): number[][] {
  if (header instanceof nifti.NIFTI1 && header.sform_code > 0) {
    return readSform1(buffer, header.littleEndian);
  }
  return header.affine;
}

/**
 * Parses a NIfTI file.
 *
 * @param input - the file's bytes, gzip-compressed or not
 * @returns the volume in HU (scl_slope and scl_inter applied), LPS geometry
 * @throws Error when the bytes are not a readable NIfTI volume
 */
export function readNifti(input: ArrayBuffer | Uint8Array): Volume {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new Error(`the gzip stream is corrupted (${(err as Error).message})`);
    }
  }
  const buffer = toBuffer(bytes);
  if (!nifti.isNIFTI(buffer)) throw new Error('not a NIfTI file (no NIfTI header)');

  const header = nifti.readHeader(buffer) as Header | null;
  if (!header) throw new Error('the NIfTI header cannot be read');
  const dims: Vec3 = [header.dims[1], header.dims[2], Math.max(1, header.dims[3])];
  if (dims.some((d) => !(d > 0))) throw new Error(`invalid dimensions ${dims.join('×')}`);

  const voxels = toHuVoxels({
    image: nifti.readImage(header, buffer),
    datatypeCode: header.datatypeCode,
    littleEndian: header.littleEndian,
    count: dims[0] * dims[1] * dims[2],
    slope: header.scl_slope,
    intercept: header.scl_inter,
  });

  const a = affineOf(header, buffer);
  // RAS → LPS: negate the first two rows of the affine.
  const lps = [-1, -1, 1].map((s, r) => a[r].map((v) => s * v));
  const columns = [0, 1, 2].map((c) => [lps[0][c], lps[1][c], lps[2][c]] as Vec3);
  const spacingMm = columns.map((c) => norm(c)) as Vec3;
  const direction = columns.map((c, i) => c.map((v) => v / spacingMm[i] + 0)) as [
    Vec3,
    Vec3,
    Vec3,
  ];
  if (spacingMm.some((s) => !(s > 0))) throw new Error('the NIfTI affine is degenerate');

  return {
    voxels,
    dims,
    spacingMm,
    originMm: [lps[0][3], lps[1][3], lps[2][3]],
    direction,
  };
}
