/**
 * Reads multi-valued decimal strings (DS) such as Image Position (Patient)
 * from a dicom-parser data set, all values or none.
 */
import type { DataSet } from 'dicom-parser';

/**
 * The first `count` values of a DS attribute.
 *
 * @returns the values, or undefined when any is missing or not finite
 */
export function readNumbers(
  ds: DataSet | undefined,
  tag: string,
  count: number,
): number[] | undefined {
  if (!ds?.elements[tag]) return undefined;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = ds.floatString(tag, i);
    if (v === undefined || !Number.isFinite(v)) return undefined;
    out.push(v);
  }
  return out;
}
