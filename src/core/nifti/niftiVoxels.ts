/**
 * Converts the raw NIfTI image bytes of one 3D volume to HU voxels, applying
 * scl_slope / scl_inter (NIfTI-1 header: y = scl_slope · x + scl_inter; a
 * slope of 0 means "no scaling").
 */

/** NIfTI-1 datatype codes this reader accepts, with their typed arrays. */
const TYPES: Record<
  number,
  { bytes: number; read: (v: DataView, o: number, le: boolean) => number }
> = {
  2: { bytes: 1, read: (v, o) => v.getUint8(o) },
  4: { bytes: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { bytes: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { bytes: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { bytes: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { bytes: 1, read: (v, o) => v.getInt8(o) },
  512: { bytes: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { bytes: 4, read: (v, o, le) => v.getUint32(o, le) },
};

export interface NiftiVoxelParams {
  /** The image data from nifti-reader (at least one 3D volume). */
  image: ArrayBuffer;
  datatypeCode: number;
  littleEndian: boolean;
  /** Voxels in the first 3D volume. */
  count: number;
  slope: number;
  intercept: number;
}

/** HU voxels: Int16Array when every value is an integer in range, else Float32Array. */
export function toHuVoxels(p: NiftiVoxelParams): Int16Array | Float32Array {
  const type = TYPES[p.datatypeCode];
  if (!type) throw new Error(`NIfTI datatype ${p.datatypeCode} is not supported`);
  if (p.image.byteLength < p.count * type.bytes) {
    throw new Error(
      `the image data is truncated: ${p.image.byteLength} of ${p.count * type.bytes} bytes`,
    );
  }
  const slope = p.slope && Number.isFinite(p.slope) ? p.slope : 1;
  const intercept = Number.isFinite(p.intercept) ? p.intercept : 0;

  const view = new DataView(p.image);
  const values = new Float32Array(p.count);
  let integral = true;
  for (let n = 0; n < p.count; n++) {
    const v = type.read(view, n * type.bytes, p.littleEndian) * slope + intercept;
    values[n] = v;
    if (integral && (!Number.isInteger(v) || v < -32768 || v > 32767)) integral = false;
  }
  return integral ? Int16Array.from(values) : values;
}
