/**
 * Collects the files of a drag-and-drop, descending into dropped folders
 * (File and Directory Entries API), each named by its path in the drop.
 */

export interface NamedFile {
  /** Relative path inside the drop, e.g. "PATIENT_DICOM/image_12". */
  path: string;
  file: File;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory (readEntries returns them in batches). */
async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: NamedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry))
      await walk(child, out);
  }
}

/** The files in a DataTransfer, folders expanded. */
export async function readDroppedItems(data: DataTransfer): Promise<NamedFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) {
    return [...data.files].map((file) => ({ path: file.name, file }));
  }
  const out: NamedFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

/** Files from an `<input type="file">`, with folder-relative paths. */
export function filesFromInput(list: FileList | null): NamedFile[] {
  return [...(list ?? [])].map((file) => ({
    path: file.webkitRelativePath || file.name,
    file,
  }));
}
