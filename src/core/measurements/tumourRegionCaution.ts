/**
 * The caution for a mask with more than one tumour region: the network marks
 * false tumour on some studies, so a region beside the real tumour is more
 * likely an error than a second tumour, and the user should remove it. Said
 * the same way wherever a mask is measured: the Segmentation panel, the
 * Planning panel's tumour review and the CLI's `plan`.
 */
import type { Measurements } from './Measurements';

/**
 * @param m - the mask's measurements (tumourComponentCount: 26-connected regions)
 * @returns the caution, or null for none or one tumour region
 */
export function tumourRegionCaution(
  m: Pick<Measurements, 'tumourComponentCount'>,
): string | null {
  const n = m.tumourComponentCount;
  if (n <= 1) return null;
  return `${n} separate tumour regions were found: remove those that are not tumour.`;
}
