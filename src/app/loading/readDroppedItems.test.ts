/**
 * Folder traversal of a drop, with stand-ins for the File and Directory
 * Entries API (a real folder drop cannot be synthesised in a browser test).
 */
import { describe, expect, it } from 'vitest';
import { readDroppedItems } from './readDroppedItems';

type Entry = FileSystemFileEntry | FileSystemDirectoryEntry;

function fileEntry(fullPath: string): FileSystemFileEntry {
  const name = fullPath.split('/').pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok: (f: File) => void) => ok(new File([name], name)),
  } as unknown as FileSystemFileEntry;
}

/** A directory whose reader hands out entries two at a time, like Chromium's batches. */
function dirEntry(fullPath: string, children: Entry[]): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader: () => {
      let next = 0;
      return {
        readEntries: (ok: (e: Entry[]) => void) => {
          ok(children.slice(next, next + 2));
          next += 2;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

function transfer(entries: Entry[]): DataTransfer {
  return {
    items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })),
    files: [],
  } as unknown as DataTransfer;
}

describe('readDroppedItems', () => {
  it('walks nested folders, reading every batch, with paths relative to the drop', async () => {
    const study = dirEntry('/study', [
      fileEntry('/study/image_0'),
      fileEntry('/study/image_1'),
      fileEntry('/study/image_2'),
      dirEntry('/study/series2', [
        fileEntry('/study/series2/IM1'),
        fileEntry('/study/series2/IM2'),
      ]),
      fileEntry('/study/README.txt'),
    ]);
    const files = await readDroppedItems(transfer([study, fileEntry('/loose.dcm')]));
    expect(files.map((f) => f.path)).toEqual([
      'study/image_0',
      'study/image_1',
      'study/image_2',
      'study/series2/IM1',
      'study/series2/IM2',
      'study/README.txt',
      'loose.dcm',
    ]);
    expect(files[0].file.name).toBe('image_0');
  });

  it('returns nothing for an empty drop', async () => {
    expect(await readDroppedItems(transfer([]))).toEqual([]);
  });
});
