/**
 * The benchmark study on disk: real data, read in place and never copied into
 * the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../../src/core/dicom';

/** File names of a folder (the app's loader sorts the slices itself). */
export function listStudy(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort();
  if (names.length === 0) throw new Error(`no files in ${dir}`);
  return names;
}

export function readStudyFiles(dir: string, names: readonly string[]): InputFile[] {
  return names.map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(dir, name))),
  }));
}
