/** The series-picker line of a NIfTI volume. */
import type { Volume } from '../volume/Volume';
import { planeLabel } from './planeLabel';
import type { SeriesSummary } from './SeriesSummary';

export function niftiSummary(fileName: string, volume: Volume): SeriesSummary {
  return {
    id: `nifti:${fileName}`,
    source: 'nifti',
    description: fileName.split('/').pop() ?? fileName,
    modality: '',
    sliceCount: volume.dims[2],
    rows: volume.dims[1],
    columns: volume.dims[0],
    spacingMm: volume.spacingMm,
    plane: planeLabel(volume.direction[2]),
    encoding: 'NIfTI',
    syntheticPhantom: false,
  };
}
