/**
 * How the segmentation overlay is drawn: colour per label, opacity, fill or
 * outline, per-label visibility. Plain data, shared by the store, the panel
 * and the Cornerstone overlay.
 */

/** The labels the overlay knows, by label value. */
export const OVERLAY_LABELS = [
  { value: 1, key: 'kidney', name: 'Kidney' },
  { value: 2, key: 'tumour', name: 'Tumour' },
] as const;

export type OverlayLabelKey = (typeof OVERLAY_LABELS)[number]['key'];

/** RGB, 0–255. */
export type Rgb = [number, number, number];

export interface OverlayDisplay {
  /** Fill opacity, 0–1. */
  opacity: number;
  /** 'fill' paints the area (with its outline), 'outline' only the edge. */
  mode: 'fill' | 'outline';
  visible: Record<OverlayLabelKey, boolean>;
  colours: Record<OverlayLabelKey, Rgb>;
}

export const DEFAULT_OVERLAY_DISPLAY: OverlayDisplay = {
  opacity: 0.4,
  mode: 'fill',
  visible: { kidney: true, tumour: true },
  colours: { kidney: [64, 160, 255], tumour: [255, 200, 0] },
};
