/**
 * Node-only: reads every file under a folder (recursively) as
 * {@link InputFile}s, and loads a study from a folder or a single file the
 * way the browser does from a drop. For the CLI and tests.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputFile } from '../ParsedFile';
import { loadStudyFromFiles, type LoadedStudy } from '../loadStudyFromFiles';
import { useNodeCodecWasm } from './nodeCodecWasm';

/** All files below `dir`, named by their path relative to it. */
export async function readFolder(dir: string): Promise<InputFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: InputFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    files.push({
      name: path.relative(dir, full),
      bytes: new Uint8Array(await readFile(full)),
    });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Loads a DICOM folder, a single DICOM file, or a `.nii`/`.nii.gz` file.
 * Registers the Node codec loader.
 */
export async function loadStudyFromPath(target: string): Promise<LoadedStudy> {
  useNodeCodecWasm();
  const info = await stat(target);
  const files = info.isDirectory()
    ? await readFolder(target)
    : [{ name: path.basename(target), bytes: new Uint8Array(await readFile(target)) }];
  return loadStudyFromFiles(files);
}
