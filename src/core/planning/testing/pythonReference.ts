/**
 * Test helpers: where the shared KiTS masks are, and how to ask Debian's
 * Python (it has torch, nibabel) for reference numbers at test time, so that
 * nothing derived from the masks is ever committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LabelVolume } from '../../volume/Volume';
import { readNifti } from '../../nifti/readNifti';
import { toLabelVolume } from '../toLabelVolume';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const SHARED_DATA = resolve(
  REPO_ROOT,
  process.env.SHARED_DATA ?? '../shared/data',
);
export const KITS_MASKS = join(SHARED_DATA, 'kits', 'masks');
export const PYTHON = '/usr/bin/python3';

export const haveMasks = existsSync(KITS_MASKS);
export const havePython = existsSync(PYTHON);

export function maskPath(caseId: string): string {
  return join(KITS_MASKS, `${caseId}.nii.gz`);
}

/** Runs `python -m <module> args...` in training/ and parses its JSON output. */
export function runPythonJson<T>(module: string, args: string[], input?: string): T {
  const out = execFileSync(PYTHON, ['-m', module, ...args], {
    cwd: join(REPO_ROOT, 'training'),
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, SHARED_DATA },
  });
  return JSON.parse(out) as T;
}

/** Reads a NIfTI label mask into a LabelVolume. */
export function readMask(path: string): LabelVolume {
  return toLabelVolume(readNifti(readFileSync(path)));
}
