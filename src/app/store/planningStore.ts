/**
 * The planning form and the mask it plans on.
 *
 * The form's fields are kept as typed (strings) so that a half-typed or wrong
 * value survives a reload and still shows its message; only these clinical
 * values are persisted (localStorage), never images or masks.
 *
 * The mask is the segmentation's (segmentationStore) unless the user opened a
 * mask file; an opened mask stays in use until the segmentation changes again
 * (a run, an edit or a new study bumps `labelsVersion`).
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

/** A mask the user opened from a file instead of the app's segmentation. */
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
  maskFile: MaskFile | null;
  /** A message after a mask file could not be read. */
  maskFileMessage: string | null;

  /** Changes some fields; a size typed by the user becomes 'user'. */
  setForm(partial: Partial<PlanningForm>): void;
  /** Puts the mask's size suggestion in the form unless the user typed one. */
  suggestSize(sizeCm: number): void;
  /** Empties the form (a new patient). */
  clearForm(): void;
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

/** Never reused, so features of one file are never taken for another's. */
let maskSerial = 0;

export const usePlanningStore = create<PlanningState>()(
  persist(
    (set) => ({
      form: EMPTY_FORM,
      maskFile: null,
      maskFileMessage: null,
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
      suggestSize: (sizeCm) =>
        set((s) =>
          s.form.sizeSource === 'user' && s.form.sizeCm.trim() !== ''
            ? s
            : { form: { ...s.form, sizeCm: String(sizeCm), sizeSource: 'mask' } },
        ),
      clearForm: () => set({ form: EMPTY_FORM }),
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
      partialize: (s) => ({ form: s.form }),
    },
  ),
);
