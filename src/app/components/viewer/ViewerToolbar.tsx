/** Window presets, the current window and a reset button. */
import { WINDOW_PRESETS } from '../../../viewer/windowPresets';

interface ViewerToolbarProps {
  windowHu: { widthHu: number; levelHu: number } | null;
  disabled: boolean;
  onPreset(widthHu: number, levelHu: number): void;
  onReset(): void;
}

export function ViewerToolbar({
  windowHu,
  disabled,
  onPreset,
  onReset,
}: ViewerToolbarProps) {
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Display">
      {WINDOW_PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          className="button"
          disabled={disabled}
          data-testid={`preset-${p.id}`}
          title={`W ${p.widthHu} / L ${p.levelHu} (key ${p.key})`}
          onClick={() => onPreset(p.widthHu, p.levelHu)}
        >
          {p.label}
        </button>
      ))}
      <button type="button" className="button" disabled={disabled} onClick={onReset}>
        Reset view
      </button>
      <span className="window-readout" data-testid="window-readout">
        {windowHu
          ? `W ${Math.round(windowHu.widthHu)} / L ${Math.round(windowHu.levelHu)}`
          : ''}
      </span>
    </div>
  );
}
