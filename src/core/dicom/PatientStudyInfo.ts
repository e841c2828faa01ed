/**
 * What a clinician needs to confirm a study is the right one. Values are raw
 * DICOM text: the UI must render them as text, never as markup.
 */
export interface PatientStudyInfo {
  /** Patient's Name (0010,0010), components joined for reading. */
  patientName: string;
  patientId: string;
  /** Patient's Birth Date (0010,0030), YYYY-MM-DD when well formed. */
  birthDate: string;
  /** Patient's Sex (0010,0040) spelled out: male, female, other or not recorded. */
  patientSex: string;
  /** Study Date (0008,0020), YYYY-MM-DD when well formed. */
  studyDate: string;
  studyDescription: string;
  accessionNumber: string;
  institutionName: string;
}
