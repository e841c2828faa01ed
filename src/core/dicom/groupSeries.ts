/**
 * Groups image instances by Series Instance UID (or the fallback key when a
 * file lacks it) and summarises each group for the series picker.
 */
import type { DicomInstance } from './DicomInstance';
import type { DicomSeries } from './StudySeries';
import type { SeriesSummary } from './SeriesSummary';
import { planeLabel } from './planeLabel';
import { analyseSliceSpacing } from './sliceSpacing';
import { sortSlices } from './sortSlices';
import { isSyntheticPhantom } from './syntheticPhantom';
import { describeTransferSyntax } from './transferSyntax';

/** Most common value of `key` among `items`. */
export function mostCommon<T>(items: T[], key: (t: T) => string): string {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(key(it), (counts.get(key(it)) ?? 0) + 1);
  let best = '';
  let bestCount = -1;
  for (const [k, c] of counts) {
    if (c > bestCount) [best, bestCount] = [k, c];
  }
  return best;
}

function summarize(key: string, instances: DicomInstance[]): SeriesSummary {
  const first = instances[0];
  const sorted = sortSlices(instances);
  const sliceSpacing = sorted.positionsMm
    ? analyseSliceSpacing(sorted.positionsMm).spacingMm
    : null;
  const pixel = first.pixelSpacingMm;
  const spacingMm: SeriesSummary['spacingMm'] = pixel
    ? [pixel[1], pixel[0], sliceSpacing ?? first.sliceThicknessMm ?? 0]
    : null;
  return {
    id: key,
    source: 'dicom',
    description: first.seriesDescription,
    modality: first.modality,
    seriesNumber: first.seriesNumber,
    sliceCount: instances.length,
    rows: first.rows,
    columns: first.columns,
    spacingMm,
    plane: planeLabel(sorted.normal),
    encoding: describeTransferSyntax(first.transferSyntaxUid).name,
    syntheticPhantom: isSyntheticPhantom(first.seriesInstanceUid),
  };
}

/**
 * Groups instances into series, ordered by series number then description.
 *
 * @param instances - parsed image instances, any order, any number of series
 */
export function groupSeries(instances: DicomInstance[]): DicomSeries[] {
  const groups = new Map<string, DicomInstance[]>();
  for (const inst of instances) {
    const list = groups.get(inst.seriesKey) ?? [];
    list.push(inst);
    groups.set(inst.seriesKey, list);
  }

  const series: DicomSeries[] = [...groups].map(([key, list]) => ({
    kind: 'dicom',
    summary: summarize(key, list),
    instances: list,
    patientStudy: list[0].patientStudy,
  }));
  return series.sort(
    (a, b) =>
      (a.summary.seriesNumber ?? Infinity) - (b.summary.seriesNumber ?? Infinity) ||
      a.summary.description.localeCompare(b.summary.description),
  );
}
