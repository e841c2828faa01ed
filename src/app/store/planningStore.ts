/**
 * The planning form and the mask it plans on.
 *
 * The form's fields are kept as typed (strings) so that a half-typed or wrong
 * value survives a reload and still shows its message; only these clinical
 * values are persisted (localStorage), never images or masks.
 *
 * The values belong to one patient: `patientKey` records whose study was on
 * screen when they were typed, and opening another patient's study empties
 * the form (with a notice) so one patient's age or BMI never carries over to
 * the next.
 *
 * `touched` records the fields the user has edited or left (or all of them,
 * after an attempt to submit), so that an empty field's error waits for the
 * user (see clinicalForm.shownErrors). It is not persisted, and emptying the
 * form forgets it.
 *
 * The mask is the one shown in the views (segmentationStore: the app's
 * segmentation, or an opened mask file on the study's grid, which replaces
 * it there) unless the user opened a mask file that cannot be shown (off the
 * study's grid, or no study on screen): `maskFile` holds that one, in use
 * until the segmentation changes again (a run, an edit, an opened mask or a
 * new study bumps `labelsVersion`).
 *
 * No mask is planned on before the user has confirmed its tumour:
 * `reviewedMasks` holds the review keys (useActiveMask: one per run, opened
 * mask file or study, kept by the user's edits) of the masks confirmed in
 * this session. Until then the mask's size is not put in the form, and a size
 * an earlier mask put there is taken out (a size the user typed stays).
 * Confirmations are not persisted: after a reload there is no mask.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { LabelVolume } from '../../core/volume/Volume';

/** How BMI is entered: directly, or computed from height and weight. */
export type BmiMode = 'bmi' | 'heightWeight';

/** Where the radiological size came from. */
export type SizeSource = 'mask' | 'user';

export interface PlanningForm {
  /** Age at surgery, years, as typed. */
  ageYears: string;
  bmiMode: BmiMode;
  /** kg/m², as typed (used when bmiMode is 'bmi'). */
  bmi: string;
  heightCm: string;
  weightKg: string;
  /** Radiological size, cm, as typed or pre-filled from the mask. */
  sizeCm: string;
  /** 'mask' while the size is the mask's suggestion; 'user' once edited. */
  sizeSource: SizeSource | null;
}

/** Fields the user has edited or left. */
export type TouchedFields = Partial<Record<keyof PlanningForm, true>>;

/** A mask file the plan uses that is not shown in the views (see above). */
export interface MaskFile {
  name: string;
  labels: LabelVolume;
  /** segmentationStore.labelsVersion when it was opened. */
  segmentationVersion: number;
  /** Bumped on every opened file, so a second file re-plans. */
  serial: number;
}

export interface PlanningState {
  form: PlanningForm;
  /** The patient the form's values were typed for (see `patientKeyOf`). */
  patientKey: string | null;
  /** Said once after the form was emptied for another patient. */
  formNotice: string | null;
  touched: TouchedFields;
  maskFile: MaskFile | null;
  /** A message after a mask file could not be read. */
  maskFileMessage: string | null;
  /** Review keys of the masks whose tumour the user confirmed (see above). */
  reviewedMasks: readonly string[];

  /** Changes some fields; a size typed by the user becomes 'user'. */
  setForm(partial: Partial<PlanningForm>): void;
  /**
   * Puts a mask's size suggestion in the form unless the user typed one, if
   * the user confirmed that mask's tumour; otherwise takes out a size that
   * came from a mask.
   */
  suggestSize(maskKey: string, sizeCm: number): void;
  /** Takes a size that came from a mask out of the form (a typed one stays). */
  withdrawMaskSize(): void;
  /**
   * The user confirmed the tumour of a mask: it may be planned on, and its
   * size suggestion (when already measured) goes into the form.
   */
  confirmTumour(maskKey: string, suggestedSizeCm: number | null): void;
  /** Marks fields as edited or left by the user. */
  touch(fields: readonly (keyof PlanningForm)[]): void;
  /** Empties the form (a new patient). */
  clearForm(): void;
  /**
   * Ties the form to the patient whose study is now on screen; empties it when
   * its values were typed for someone else.
   */
  bindToPatient(patientKey: string): void;
  setMaskFile(file: Omit<MaskFile, 'serial'> | null, message?: string | null): void;
}

export const EMPTY_FORM: PlanningForm = {
  ageYears: '',
  bmiMode: 'bmi',
  bmi: '',
  heightCm: '',
  weightKg: '',
  sizeCm: '',
  sizeSource: null,
};

/** localStorage key; bump the version when PlanningForm changes shape. */
export const PLANNING_STORAGE_KEY = 'nephroplan.planning-form';

/** True when no clinical value has been typed. */
export function isEmptyForm(form: PlanningForm): boolean {
  return (
    [form.ageYears, form.bmi, form.heightCm, form.weightKg].every(
      (v) => v.trim() === '',
    ) &&
    (form.sizeSource !== 'user' || form.sizeCm.trim() === '')
  );
}

/**
 * Identifies the patient of a study: Patient ID, name and birth date for
 * DICOM; the file name for NIfTI, which carries no patient data.
 */
export function patientKeyOf(
  info: { patientId: string; patientName: string; birthDate: string } | null,
  seriesId: string,
): string {
  if (!info) return `file:${seriesId}`;
  return `patient:${info.patientId}|${info.patientName}|${info.birthDate}`;
}

/** Never reused, so features of one file are never taken for another's. */
let maskSerial = 0;

/** The form with a mask's suggested size, unless the user typed a size. */
function withSuggestion(form: PlanningForm, sizeCm: number): PlanningForm {
  if (form.sizeSource === 'user' && form.sizeCm.trim() !== '') return form;
  return { ...form, sizeCm: String(sizeCm), sizeSource: 'mask' };
}

/** The form without a size that came from a mask. */
function withoutMaskSize(form: PlanningForm): PlanningForm {
  if (form.sizeSource !== 'mask') return form;
  return { ...form, sizeCm: '', sizeSource: null };
}

export const usePlanningStore = create<PlanningState>()(
  persist(
    (set) => ({
      form: EMPTY_FORM,
      patientKey: null,
      formNotice: null,
      touched: {},
      maskFile: null,
      maskFileMessage: null,
      reviewedMasks: [],
      setForm: (partial) =>
        set((s) => ({
          form: {
            ...s.form,
            ...partial,
            ...('sizeCm' in partial && !('sizeSource' in partial)
              ? { sizeSource: 'user' as const }
              : {}),
          },
        })),
      suggestSize: (maskKey, sizeCm) =>
        set((s) => {
          const form = s.reviewedMasks.includes(maskKey)
            ? withSuggestion(s.form, sizeCm)
            : withoutMaskSize(s.form);
          return form === s.form ? s : { form };
        }),
      withdrawMaskSize: () =>
        set((s) => {
          const form = withoutMaskSize(s.form);
          return form === s.form ? s : { form };
        }),
      confirmTumour: (maskKey, suggestedSizeCm) =>
        set((s) => ({
          reviewedMasks: s.reviewedMasks.includes(maskKey)
            ? s.reviewedMasks
            : [...s.reviewedMasks, maskKey],
          form:
            suggestedSizeCm === null ? s.form : withSuggestion(s.form, suggestedSizeCm),
        })),
      touch: (fields) =>
        set((s) =>
          fields.every((f) => s.touched[f])
            ? s
            : {
                touched: {
                  ...s.touched,
                  ...Object.fromEntries(fields.map((f) => [f, true])),
                },
              },
        ),
      clearForm: () => set({ form: EMPTY_FORM, formNotice: null, touched: {} }),
      bindToPatient: (patientKey) =>
        set((s) => {
          if (s.patientKey === patientKey) return s;
          const typed = !isEmptyForm(s.form);
          if (s.patientKey === null || !typed) return { patientKey, formNotice: null };
          return {
            patientKey,
            form: EMPTY_FORM,
            touched: {},
            formNotice:
              'The clinical form was emptied because a study of another patient was ' +
              "opened. Enter this patient's values.",
          };
        }),
      setMaskFile: (file, message = null) =>
        set({
          maskFile: file && { ...file, serial: ++maskSerial },
          maskFileMessage: message,
        }),
    }),
    {
      name: PLANNING_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Clinical values only: never the mask.
      partialize: (s) => ({ form: s.form, patientKey: s.patientKey }),
    },
  ),
);
