/**
 * Finds the benchmark study on disk (real data, read in place, never copied
 * into the repository) and picks the benchmark slices from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCtSlice } from '../../src/bench/study/dicomSlice';

export interface StudyOnDisk {
  dir: string;
  /** File names in slice order (sorted by position along the normal). */
  names: string[];
}

/** Lists and sorts a folder of single-slice DICOM files. */
export function loadStudy(dir: string): StudyOnDisk {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.'));
  if (names.length === 0) throw new Error(`no DICOM files in ${dir}`);
  const positions = new Map(
    names.map((n) => [n, readCtSlice(readFileSync(join(dir, n))).positionMm]),
  );
  names.sort((a, b) => positions.get(a)! - positions.get(b)!);
  return { dir, names };
}

/**
 * `count` slices spread evenly over the middle 60 % of the study, where the
 * abdomen (and the kidneys) are, so the benchmark sees real anatomy.
 */
export function pickSlices(study: StudyOnDisk, count: number): string[] {
  const n = study.names.length;
  const lo = Math.floor(n * 0.2);
  const hi = Math.ceil(n * 0.8) - 1;
  const picked: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = count === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (count - 1);
    picked.push(study.names[Math.round(at)]);
  }
  return picked;
}

export function readFiles(dir: string, names: readonly string[]): Uint8Array[] {
  return names.map((n) => new Uint8Array(readFileSync(join(dir, n))));
}
