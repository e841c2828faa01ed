/**
 * Words for the series picker that tell apart series whose description,
 * modality and slice count are the same: the Series Number, the folder of
 * the files in the drop and the values of a few slices, which give away a
 * mask stored as an image (two values, 0 and 255).
 *
 * Works with: SeriesPicker (shows them), loading/seriesContents (folder and
 * sample, read by the study worker).
 */
import type { SeriesListing } from '../loading/studyProtocol';
import type { SliceSample } from '../loading/seriesContents';

/** −1024 with a real minus sign; at most two decimals for a rescaled value. */
function value(v: number): string {
  const text = String(Math.round(v * 100) / 100);
  return text.replace('-', '−');
}

/**
 * The folders as the picker shows them: without the leading folders that all
 * of them share (the dropped folder itself), when there are several.
 *
 * @param folders - each series' folder in the drop, '/'-separated
 */
export function relativeFolders(folders: string[]): string[] {
  if (folders.length < 2) return folders;
  const split = folders.map((f) => (f ? f.split('/') : []));
  let n = 0;
  while (split.every((parts) => n < parts.length && parts[n] === split[0][n])) n++;
  return split.map((parts) => parts.slice(n).join('/'));
}

/**
 * What the sampled slices hold, e.g. "values −1024 to 1890 on 5 slices
 * read", "looks like a mask: values 0/255 on 5 slices read", "all 0 on 5
 * slices read".
 */
export function sampleText(sample: SliceSample | null): string | null {
  if (!sample) return null;
  const on =
    sample.slices === 1 ? 'on the 1 slice read' : `on ${sample.slices} slices read`;
  const levels = sample.levels;
  if (levels && levels.length === 1) return `all ${value(levels[0])} ${on}`;
  if (levels) return `looks like a mask: values ${levels.map(value).join('/')} ${on}`;
  return `values ${value(sample.min)} to ${value(sample.max)} ${on}`;
}

/**
 * The details of one row, in order: series number, folder, slice values.
 *
 * @param folder - its folder as relativeFolders gives it
 */
export function seriesDetails(series: SeriesListing, folder: string): string[] {
  const details: string[] = [];
  const n = series.summary.seriesNumber;
  if (n !== undefined) details.push(`series ${n}`);
  if (folder) details.push(folder);
  const sample = sampleText(series.sample);
  if (sample) details.push(sample);
  return details;
}
