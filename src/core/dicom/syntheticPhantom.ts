/**
 * How NephroPlan knows its own synthetic phantom (`npm run example`,
 * scripts/phantom/) from the files alone, however they reach it: the "Open
 * example" button, a drop or the file picker. The generator gives the series
 * fixed UIDs under its own root (UUID-derived, PS3.5 §B.2), which no scanner
 * or archive can produce, so a match is the phantom and nothing else.
 */

/** The phantom generator's UID root (2.25 + a fixed UUID as an integer). */
export const PHANTOM_UID_ROOT = '2.25.1187724571623587209411036504';
export const PHANTOM_STUDY_UID = `${PHANTOM_UID_ROOT}.1`;
export const PHANTOM_SERIES_UID = `${PHANTOM_UID_ROOT}.2`;

/**
 * @param seriesInstanceUid - Series Instance UID (0020,000E) of a series
 * @returns true for the series the phantom generator writes
 */
export function isSyntheticPhantom(seriesInstanceUid: string): boolean {
  return seriesInstanceUid === PHANTOM_SERIES_UID;
}
