/**
 * Names for the non-image SOP classes (DICOM PS3.4 Annex B) a clinician may
 * find mixed into a study folder, so the app can say what it skipped.
 */

const NAMED: Record<string, string> = {
  '1.2.840.10008.5.1.4.1.1.66.4': 'segmentation (SEG)',
  '1.2.840.10008.5.1.4.1.1.104.1': 'encapsulated PDF',
  '1.2.840.10008.5.1.4.1.1.104.2': 'encapsulated CDA',
  '1.2.840.10008.5.1.4.1.1.481.3': 'RT structure set',
  '1.2.840.10008.5.1.4.1.1.11.1': 'presentation state',
  '1.2.840.10008.5.1.4.1.1.66': 'raw data',
  '1.2.840.10008.5.1.4.1.1.66.1': 'spatial registration',
};

/** Structured reports share this root (PS3.4 Annex B, SR storage). */
const SR_ROOT = '1.2.840.10008.5.1.4.1.1.88.';

/**
 * A readable kind for a SOP class that holds no image, e.g. "structured
 * report (SR)"; a generic phrase for classes it does not know.
 */
export function describeNonImageSopClass(sopClassUid: string): string {
  if (sopClassUid.startsWith(SR_ROOT)) return 'structured report (SR)';
  return NAMED[sopClassUid] ?? `non-image object (SOP class ${sopClassUid || 'unknown'})`;
}
