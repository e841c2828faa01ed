/**
 * Keeps the slices of a series that share its dominant size and orientation
 * (a localizer or a reformat filed in the same series is left out).
 */
import type { DicomInstance } from './DicomInstance';
import { mostCommon } from './groupSeries';

function geometryKey(inst: DicomInstance): string {
  const iop =
    inst.orientation
      ?.flat()
      .map((v) => v.toFixed(3))
      .join(',') ?? 'none';
  return `${inst.columns}x${inst.rows}|${iop}`;
}

/** The instances in the majority geometry, and how many were left out. */
export function consistentGeometry(instances: DicomInstance[]): {
  kept: DicomInstance[];
  leftOut: number;
} {
  const key = mostCommon(instances, geometryKey);
  const kept = instances.filter((i) => geometryKey(i) === key);
  return { kept, leftOut: instances.length - kept.length };
}
