/**
 * Reading DICOM text values with their Specific Character Set (0008,0005;
 * PS3.5 §6.1) and formatting names and dates for display.
 */
import type { DataSet } from 'dicom-parser';

/** TextDecoder label for a Specific Character Set term; latin-1 otherwise. */
function decoderLabel(charset: string): string {
  const terms = charset.split('\\').map((t) => t.trim());
  if (terms.includes('ISO_IR 192')) return 'utf-8';
  if (terms.includes('GB18030')) return 'gb18030';
  if (terms.includes('GBK')) return 'gbk';
  if (terms.includes('ISO_IR 144')) return 'iso-8859-5';
  if (terms.includes('ISO_IR 127')) return 'iso-8859-6';
  if (terms.includes('ISO_IR 126')) return 'iso-8859-7';
  if (terms.includes('ISO_IR 138')) return 'iso-8859-8';
  if (terms.includes('ISO_IR 101')) return 'iso-8859-2';
  return 'latin1';
}

/**
 * The string value of `tag`, decoded with the data set's character set,
 * trailing padding removed; empty when absent.
 */
export function readText(dataSet: DataSet, tag: string): string {
  const el = dataSet.elements[tag];
  if (!el || el.length === 0) return '';
  const charset = dataSet.string('x00080005') ?? '';
  const bytes = dataSet.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  const text = new TextDecoder(decoderLabel(charset)).decode(bytes);
  return text.replace(/[\0 ]+$/, '').trim();
}

/** One PN component group: "Family^Given^Middle^Prefix^Suffix" → "Family, Prefix Given Middle Suffix". */
function formatNameGroup(group: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = group
    .split('^')
    .map((s) => s.trim());
  const rest = [prefix, given, middle, suffix].filter(Boolean).join(' ');
  return [family, rest].filter(Boolean).join(', ');
}

/**
 * Person Name (PN, PS3.5 §6.2.1) for display. Component groups (alphabetic,
 * ideographic, phonetic; separated by "=") are all kept, joined by " = ",
 * so nothing of the stored name is hidden.
 */
export function formatPersonName(pn: string): string {
  return pn.split('=').map(formatNameGroup).filter(Boolean).join(' = ');
}

/** DA (YYYYMMDD) → YYYY-MM-DD; any other text is returned unchanged. */
export function formatDicomDate(da: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : da.trim();
}

/** Patient's Sex (0010,0040) defined terms (PS3.3 §C.7.1.1). */
const PATIENT_SEX: Record<string, string> = { M: 'male', F: 'female', O: 'other' };

/**
 * Patient's Sex spelled out: M → "male", F → "female", O → "other"; empty →
 * "not recorded". Any other value is not a DICOM term and is not guessed at:
 * "not recorded", with the stored text quoted so that nothing is hidden.
 */
export function formatPatientSex(cs: string): string {
  const value = cs.trim();
  const term = PATIENT_SEX[value.toUpperCase()];
  if (term) return term;
  return value ? `not recorded (stored as "${value}")` : 'not recorded';
}
