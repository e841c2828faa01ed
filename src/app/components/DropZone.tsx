/**
 * Makes the whole page a drop target for a CT study (folders, DICOM files
 * with or without extension, .nii / .nii.gz) and shows a hint while dragging.
 */
import { useState, type ReactNode } from 'react';
import { readDroppedItems } from '../loading/readDroppedItems';
import { loadFiles } from '../loading/studyActions';

export function DropZone({ children }: { children: ReactNode }) {
  const [dragging, setDragging] = useState(false);

  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = await readDroppedItems(e.dataTransfer);
    await loadFiles(files);
  };

  return (
    <div
      className="drop-zone"
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      {children}
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          Drop a CT study: a DICOM folder or files, or a .nii / .nii.gz volume
        </div>
      )}
    </div>
  );
}
