import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelVolume } from '../../core/volume/Volume';
import { axisAlignedGrid } from '../../core/volume/testing/axisAlignedGrid';

/** A Storage in memory, standing in for the browser's localStorage. */
class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

const storage = new MemoryStorage();
let store: typeof import('./planningStore');

beforeAll(async () => {
  (globalThis as { localStorage?: unknown }).localStorage = storage;
  store = await import('./planningStore');
});

const labels: LabelVolume = {
  labels: new Uint8Array([0, 1, 2, 2]),
  ...axisAlignedGrid([2, 2, 1]),
};

describe('planningStore', () => {
  it('persists the clinical values and never the mask', () => {
    const s = store.usePlanningStore.getState();
    s.setForm({ ageYears: '61', bmi: '27.5' });
    s.setMaskFile({ name: 'case.nii.gz', labels, segmentationVersion: 0 });
    const saved = storage.getItem(store.PLANNING_STORAGE_KEY)!;
    expect(JSON.parse(saved).state).toEqual({
      form: { ...store.EMPTY_FORM, ageYears: '61', bmi: '27.5' },
      patientKey: null,
    });
    expect(saved).not.toContain('case.nii.gz');
  });

  it('fills the size from a confirmed mask until the user types one', () => {
    const s = () => store.usePlanningStore.getState();
    s().clearForm();
    s().confirmTumour('mask-fill', null);
    s().suggestSize('mask-fill', 4.2);
    expect(s().form).toMatchObject({ sizeCm: '4.2', sizeSource: 'mask' });
    s().suggestSize('mask-fill', 5.1);
    expect(s().form).toMatchObject({ sizeCm: '5.1', sizeSource: 'mask' });

    s().setForm({ sizeCm: '6' });
    expect(s().form.sizeSource).toBe('user');
    s().suggestSize('mask-fill', 3.3);
    expect(s().form).toMatchObject({ sizeCm: '6', sizeSource: 'user' });

    // An emptied field takes the next suggestion again.
    s().setForm({ sizeCm: '' });
    s().suggestSize('mask-fill', 3.3);
    expect(s().form).toMatchObject({ sizeCm: '3.3', sizeSource: 'mask' });
  });

  it('puts no size in the form from a mask whose tumour is not confirmed', () => {
    const s = () => store.usePlanningStore.getState();
    s().clearForm();
    s().suggestSize('mask-unconfirmed', 4.7);
    expect(s().form).toMatchObject({ sizeCm: '', sizeSource: null });

    // Confirming fills in the suggestion already measured.
    s().confirmTumour('mask-unconfirmed', 4.7);
    expect(s().reviewedMasks).toContain('mask-unconfirmed');
    expect(s().form).toMatchObject({ sizeCm: '4.7', sizeSource: 'mask' });

    // Another mask, not confirmed: the first one's size is taken out again.
    s().suggestSize('mask-next', 2.5);
    expect(s().form).toMatchObject({ sizeCm: '', sizeSource: null });
  });

  it("keeps a size the user typed, whatever the mask's confirmation", () => {
    const s = () => store.usePlanningStore.getState();
    s().clearForm();
    s().setForm({ sizeCm: '3.9' });
    s().suggestSize('mask-typed', 4.7);
    s().withdrawMaskSize();
    expect(s().form).toMatchObject({ sizeCm: '3.9', sizeSource: 'user' });
    s().confirmTumour('mask-typed', 4.7);
    expect(s().form).toMatchObject({ sizeCm: '3.9', sizeSource: 'user' });
  });

  it('never persists the confirmations', () => {
    const s = store.usePlanningStore.getState();
    s.confirmTumour('mask-persist', null);
    expect(storage.getItem(store.PLANNING_STORAGE_KEY)).not.toContain('mask-persist');
  });

  it('numbers opened mask files so a second file re-plans', () => {
    const s = () => store.usePlanningStore.getState();
    s().setMaskFile({ name: 'a', labels, segmentationVersion: 3 });
    const first = s().maskFile!.serial;
    s().setMaskFile({ name: 'b', labels, segmentationVersion: 3 });
    expect(s().maskFile!.serial).toBe(first + 1);
    s().setMaskFile(null, 'b could not be used');
    expect(s().maskFile).toBeNull();
    expect(s().maskFileMessage).toBe('b could not be used');
  });

  it("empties the form when another patient's study is opened, not for the same one", () => {
    const s = store.usePlanningStore.getState();
    s.clearForm();
    s.bindToPatient('patient:A|Doe^Jane|1950-01-01');
    s.setForm({ ageYears: '70', bmi: '31' });
    store.usePlanningStore.getState().bindToPatient('patient:A|Doe^Jane|1950-01-01');
    expect(store.usePlanningStore.getState().form.ageYears).toBe('70');

    store.usePlanningStore.getState().bindToPatient('patient:B|Roe^Rick|1960-02-02');
    const after = store.usePlanningStore.getState();
    expect(after.form).toEqual(store.EMPTY_FORM);
    expect(after.formNotice).toMatch(/another patient/);
    expect(after.patientKey).toBe('patient:B|Roe^Rick|1960-02-02');
  });

  it('forgets the touched fields when the form is emptied, and never persists them', () => {
    const s = () => store.usePlanningStore.getState();
    s().clearForm();
    s().bindToPatient('patient:C|Poe^Ann|1970-03-03');
    s().setForm({ ageYears: '5x' });
    s().touch(['ageYears', 'bmi']);
    expect(s().touched).toEqual({ ageYears: true, bmi: true });
    expect(storage.getItem(store.PLANNING_STORAGE_KEY)).not.toContain('touched');

    s().bindToPatient('patient:D|Loe^Bo|1980-04-04');
    expect(s().touched).toEqual({});
    s().touch(['sizeCm']);
    s().clearForm();
    expect(s().touched).toEqual({});
  });

  it('keys NIfTI studies, which carry no patient data, by file', () => {
    expect(store.patientKeyOf(null, 'ct.nii.gz')).toBe('file:ct.nii.gz');
    expect(
      store.patientKeyOf({ patientId: '7', patientName: 'X', birthDate: '' }, 's1'),
    ).toBe('patient:7|X|');
  });
});
