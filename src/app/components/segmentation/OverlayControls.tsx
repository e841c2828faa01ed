/**
 * How the overlay looks: per-label visibility (with the label's colour),
 * fill opacity, fill or outline only.
 */
import { OVERLAY_LABELS } from '../../../viewer/labelmap/overlayDisplay';
import { useSegmentationStore } from '../../store/segmentationStore';

export function OverlayControls() {
  const display = useSegmentationStore((s) => s.display);
  const set = useSegmentationStore((s) => s.set);

  return (
    <fieldset className="seg-overlay" data-testid="seg-overlay">
      <legend>Overlay</legend>
      {OVERLAY_LABELS.map((label) => (
        <label key={label.key} className="seg-label-toggle">
          <input
            type="checkbox"
            data-testid={`seg-visible-${label.key}`}
            checked={display.visible[label.key]}
            onChange={(e) =>
              set({
                display: {
                  ...display,
                  visible: { ...display.visible, [label.key]: e.target.checked },
                },
              })
            }
          />
          <span
            className="swatch"
            style={{ background: `rgb(${display.colours[label.key].join(',')})` }}
          />
          {label.name}
        </label>
      ))}
      <label>
        Fill opacity
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          data-testid="seg-opacity"
          value={display.opacity}
          onChange={(e) =>
            set({ display: { ...display, opacity: Number(e.target.value) } })
          }
        />
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="seg-outline"
          checked={display.mode === 'outline'}
          onChange={(e) =>
            set({ display: { ...display, mode: e.target.checked ? 'outline' : 'fill' } })
          }
        />
        Outline only
      </label>
    </fieldset>
  );
}
