/**
 * Correction tools: brush (kidney or tumour), eraser, radius and undo. The
 * brush and eraser take the left mouse button; "Window" gives it back to
 * window/level. Ctrl+Z (⌘Z) undoes outside text fields.
 */
import { useEffect } from 'react';
import { useSegmentationStore, type EditTool } from '../../store/segmentationStore';
import { undoLastEdit } from './segmentationActions';

/** Fields where Ctrl+Z belongs to the field, not to the labels. */
const TEXT_FIELDS =
  'input:not([type=checkbox]):not([type=radio]):not([type=range]), select, textarea';

const TOOLS: { tool: EditTool; name: string }[] = [
  { tool: 'none', name: 'Window' },
  { tool: 'brush', name: 'Brush' },
  { tool: 'eraser', name: 'Eraser' },
];

export function EditControls() {
  const tool = useSegmentationStore((s) => s.tool);
  const brushLabel = useSegmentationStore((s) => s.brushLabel);
  const radiusMm = useSegmentationStore((s) => s.brushRadiusMm);
  const undoCount = useSegmentationStore((s) => s.undoStack.length);
  const set = useSegmentationStore((s) => s.set);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as HTMLElement | null)?.closest?.(TEXT_FIELDS);
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        undoLastEdit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <fieldset className="seg-edit" data-testid="seg-edit">
      <legend>Correct</legend>
      <div className="seg-buttons" role="group" aria-label="Left mouse button">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            className="button"
            aria-pressed={tool === t.tool}
            data-testid={`seg-tool-${t.tool}`}
            onClick={() => set({ tool: t.tool })}
          >
            {t.name}
          </button>
        ))}
      </div>
      <label>
        Brush paints{' '}
        <select
          data-testid="seg-brush-label"
          value={brushLabel}
          onChange={(e) => set({ brushLabel: Number(e.target.value) as 1 | 2 })}
        >
          <option value={1}>kidney</option>
          <option value={2}>tumour</option>
        </select>
      </label>
      <label>
        Radius {radiusMm} mm
        <input
          type="range"
          min={1}
          max={20}
          step={1}
          data-testid="seg-brush-radius"
          value={radiusMm}
          onChange={(e) => set({ brushRadiusMm: Number(e.target.value) })}
        />
      </label>
      <button
        type="button"
        className="button"
        data-testid="seg-undo"
        disabled={undoCount === 0}
        onClick={undoLastEdit}
      >
        Undo{undoCount > 0 ? ` (${undoCount})` : ''}
      </button>
    </fieldset>
  );
}
