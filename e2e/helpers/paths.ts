/** Where the tests find the reference data (read in place, never copied). */
import path from 'node:path';

/** `$SHARED_DATA`, default `../shared/data` from the project root. */
export const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? '../shared/data');

export const IRCADB_DICOM = path.join(SHARED_DATA, 'ct/ircadb-01/PATIENT_DICOM');
export const TOTALSEG_J2K_DICOM = path.join(SHARED_DATA, 'ct/totalseg/example_ct_dicom');
export const TOTALSEG_NIFTI = path.join(SHARED_DATA, 'ct/totalseg/example_ct.nii.gz');
