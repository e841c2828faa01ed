/**
 * Turns a chosen {@link StudySeries} into a volume: decodes a DICOM series,
 * or passes a NIfTI volume through.
 */
import type { BuildVolumeOptions, BuiltVolume } from './buildVolume';
import { buildVolume } from './buildVolume';
import type { StudySeries } from './StudySeries';

export interface OpenedSeries {
  volume: BuiltVolume['volume'];
  warnings: BuiltVolume['warnings'];
}

/** Builds the volume of any series kind. */
export async function openSeries(
  series: StudySeries,
  options: BuildVolumeOptions = {},
): Promise<OpenedSeries> {
  if (series.kind === 'nifti') return { volume: series.volume, warnings: [] };
  const built = await buildVolume(series, options);
  return { volume: built.volume, warnings: built.warnings };
}
