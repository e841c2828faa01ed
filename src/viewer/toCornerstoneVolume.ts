/**
 * Hands our {@link Volume} to Cornerstone as a local volume, sharing the very
 * HU voxels the segmentation reads, so what is shown is what is measured.
 */
import { cache, volumeLoader } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import type { Volume } from '../core/volume/Volume';

let counter = 0;

/**
 * Creates (and caches) a Cornerstone volume for `volume`.
 *
 * @returns the Cornerstone volume id
 */
export function toCornerstoneVolume(volume: Volume): string {
  // No ":" in the id: Cornerstone would read it as an image-loader scheme
  // and try to fetch the slices of this purely local volume.
  const volumeId = `nephroplan-volume-${++counter}`;
  const [rowDir, colDir] = volume.direction;
  const bits = volume.voxels instanceof Int16Array ? 16 : 32;
  const metadata: Types.Metadata = {
    BitsAllocated: bits,
    BitsStored: bits,
    SamplesPerPixel: 1,
    HighBit: bits - 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelRepresentation: 1,
    Modality: 'CT',
    ImageOrientationPatient: [...rowDir, ...colDir],
    PixelSpacing: [volume.spacingMm[1], volume.spacingMm[0]],
    FrameOfReferenceUID: `nephroplan-frame-${counter}`,
    Columns: volume.dims[0],
    Rows: volume.dims[1],
    voiLut: [],
    VOILUTFunction: 'LINEAR',
  };
  volumeLoader.createLocalVolume(volumeId, {
    metadata,
    dimensions: volume.dims as Types.Point3,
    spacing: volume.spacingMm as Types.Point3,
    origin: volume.originMm as Types.Point3,
    direction: volume.direction.flat() as Types.Mat3,
    scalarData: volume.voxels,
  });
  return volumeId;
}

/** Removes a volume created by {@link toCornerstoneVolume} from the cache. */
export function releaseCornerstoneVolume(volumeId: string): void {
  if (cache.getVolume(volumeId)) cache.removeVolumeLoadObject(volumeId);
}
