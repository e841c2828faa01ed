/**
 * Checks that a command's output file can be written before the long work
 * that fills it, so that a mistyped or read-only path fails at once with a
 * clear message rather than after the run. A missing folder is created (and
 * said on stderr), as `mkdir -p` would; nothing is written to the file itself.
 */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from './CliError';

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/**
 * @param path - the output file as given
 * @param option - the option that named it (`--out`), for messages
 * @param command - the command, the prefix of what is said on stderr
 * @throws CliError (exit 1) when the file cannot be written
 */
export async function prepareOutputFile(
  path: string,
  option: string,
  command: string,
): Promise<void> {
  const folder = dirname(resolve(path));
  const folderInfo = await statOrNull(folder);
  if (!folderInfo) {
    try {
      await mkdir(folder, { recursive: true });
    } catch (err) {
      throw new CliError(
        `cannot write ${option} ${path}: the folder ${folder} does not exist and ` +
          `cannot be created (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
    process.stderr.write(`${command}: created the folder ${folder} for ${option}\n`);
  } else if (!folderInfo.isDirectory()) {
    throw new CliError(`cannot write ${option} ${path}: ${folder} is not a folder`);
  }

  const fileInfo = await statOrNull(path);
  if (fileInfo?.isDirectory()) {
    throw new CliError(`cannot write ${option} ${path}: it is a folder, not a file`);
  }
  try {
    await access(fileInfo ? path : folder, constants.W_OK);
  } catch {
    throw new CliError(
      `cannot write ${option} ${path}: no permission to write ` +
        (fileInfo ? 'that file' : `in the folder ${folder}`),
    );
  }
}
