/**
 * The segmentation as a Cornerstone3D labelmap over the three views: a
 * Uint8 labelmap volume derived from the shown CT volume (same grid), one
 * segmentation with segments 1 (kidney) and 2 (tumour), drawn with the
 * colours, opacity, fill or outline and per-label visibility of an
 * {@link OverlayDisplay}.
 *
 * Brush and eraser strokes (createToolGroup.ts) write into the labelmap
 * directly; `onEdited` fires once a stroke has ended (the mouse button is
 * up and the labelmap has been quiet for a moment), and `read()` returns
 * the labels as they are then. Owned by StudyViewer, which removes it before
 * showing another volume.
 */
import { cache, eventTarget, volumeLoader } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, segmentation } from '@cornerstonejs/tools';
import { getLogger } from '../../core/log/logger';
import { OVERLAY_LABELS, type OverlayDisplay } from './overlayDisplay';

const log = getLogger('labelmap');
const LABELMAP = ToolEnums.SegmentationRepresentations.Labelmap;
/** Quiet time after the button is up before a stroke counts as ended. */
const STROKE_END_MS = 150;

let counter = 0;

export interface LabelmapOverlayParams {
  /** Cornerstone volume id of the CT volume the views show. */
  referencedVolumeId: string;
  viewportIds: readonly string[];
  /** The views' elements, to see when a stroke starts. */
  elements: readonly HTMLElement[];
  /** Called after each brush or eraser stroke. */
  onEdited: () => void;
}

export class LabelmapOverlay {
  readonly segmentationId: string;
  private readonly labelmapVolumeId: string;
  private strokeTimer: ReturnType<typeof setTimeout> | undefined;
  /** True while labels written by `write` are being propagated. */
  private writing = false;
  /** A mouse button went down on a view and is not up yet. */
  private buttonDown = false;
  /** The labelmap changed since the last `onEdited`. */
  private dirty = false;
  private readonly onDataModified = (e: Event) => {
    const detail = (e as CustomEvent<{ segmentationId?: string }>).detail;
    if (this.writing || detail?.segmentationId !== this.segmentationId) return;
    this.dirty = true;
    if (!this.buttonDown) this.scheduleStrokeEnd();
  };
  private readonly onButtonDown = () => {
    this.buttonDown = true;
    clearTimeout(this.strokeTimer);
  };
  private readonly onButtonUp = () => {
    if (!this.buttonDown) return;
    this.buttonDown = false;
    this.scheduleStrokeEnd();
  };

  private constructor(private readonly params: LabelmapOverlayParams) {
    counter += 1;
    this.segmentationId = `nephroplan-segmentation-${counter}`;
    this.labelmapVolumeId = `nephroplan-labelmap-${counter}`;
  }

  /** Creates the labelmap (all background) and adds it to the views. */
  static async create(params: LabelmapOverlayParams): Promise<LabelmapOverlay> {
    const overlay = new LabelmapOverlay(params);
    volumeLoader.createAndCacheDerivedLabelmapVolume(params.referencedVolumeId, {
      volumeId: overlay.labelmapVolumeId,
    });
    segmentation.addSegmentations([
      {
        segmentationId: overlay.segmentationId,
        representation: {
          type: LABELMAP,
          data: { volumeId: overlay.labelmapVolumeId },
        },
        config: {
          label: 'Kidney and tumour',
          segments: Object.fromEntries(
            OVERLAY_LABELS.map((l) => [l.value, { label: l.name }]),
          ),
        },
      },
    ]);
    await segmentation.addLabelmapRepresentationToViewportMap(
      Object.fromEntries(
        params.viewportIds.map((id) => [
          id,
          [{ segmentationId: overlay.segmentationId, type: LABELMAP }],
        ]),
      ),
    );
    eventTarget.addEventListener(
      ToolEnums.Events.SEGMENTATION_DATA_MODIFIED,
      overlay.onDataModified,
    );
    for (const el of params.elements) {
      el.addEventListener('mousedown', overlay.onButtonDown, true);
    }
    window.addEventListener('mouseup', overlay.onButtonUp, true);
    return overlay;
  }

  /** Replaces the whole labelmap (after a run or an undo). */
  write(labels: Uint8Array): void {
    const voxels = this.voxels();
    if (labels.length !== voxels.getScalarDataLength()) {
      throw new Error('label map and shown volume differ in size');
    }
    this.writing = true;
    try {
      voxels.setCompleteScalarDataArray?.(labels);
      segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(
        this.segmentationId,
      );
    } finally {
      this.writing = false;
    }
  }

  /** A copy of the labelmap as it is now (edits included). */
  read(): Uint8Array {
    const data = this.voxels().getCompleteScalarDataArray?.();
    if (!data) throw new Error('the labelmap cannot be read');
    return data instanceof Uint8Array ? data.slice() : Uint8Array.from(data);
  }

  /** Applies colours, opacity, fill or outline and visibility. */
  setDisplay(display: OverlayDisplay): void {
    const fill = display.mode === 'fill';
    segmentation.config.style.setStyle(
      { type: LABELMAP, segmentationId: this.segmentationId },
      {
        renderFill: fill,
        renderFillInactive: fill,
        fillAlpha: display.opacity,
        fillAlphaInactive: display.opacity,
        renderOutline: true,
        renderOutlineInactive: true,
        outlineWidth: fill ? 1 : 2,
        outlineWidthInactive: fill ? 1 : 2,
        outlineOpacity: 1,
        outlineOpacityInactive: 1,
      },
    );
    for (const viewportId of this.params.viewportIds) {
      for (const label of OVERLAY_LABELS) {
        const [r, g, b] = display.colours[label.key];
        segmentation.config.color.setSegmentIndexColor(
          viewportId,
          this.segmentationId,
          label.value,
          [r, g, b, 255] as Types.Color,
        );
        segmentation.config.visibility.setSegmentIndexVisibility(
          viewportId,
          { segmentationId: this.segmentationId, type: LABELMAP },
          label.value,
          display.visible[label.key],
        );
      }
    }
  }

  /** Sets the label the brush paints (Cornerstone's active segment). */
  setActiveLabel(value: number): void {
    segmentation.segmentIndex.setActiveSegmentIndex(this.segmentationId, value);
  }

  /** Removes the segmentation from the views and the cache. */
  destroy(): void {
    clearTimeout(this.strokeTimer);
    for (const el of this.params.elements) {
      el.removeEventListener('mousedown', this.onButtonDown, true);
    }
    window.removeEventListener('mouseup', this.onButtonUp, true);
    eventTarget.removeEventListener(
      ToolEnums.Events.SEGMENTATION_DATA_MODIFIED,
      this.onDataModified,
    );
    try {
      segmentation.removeSegmentation(this.segmentationId);
    } catch (err) {
      log.warn('could not remove the segmentation', err);
    }
    if (cache.getVolume(this.labelmapVolumeId)) {
      cache.removeVolumeLoadObject(this.labelmapVolumeId);
    }
  }

  private scheduleStrokeEnd(): void {
    clearTimeout(this.strokeTimer);
    this.strokeTimer = setTimeout(() => {
      if (!this.dirty || this.buttonDown) return;
      this.dirty = false;
      this.params.onEdited();
    }, STROKE_END_MS);
  }

  private voxels() {
    const voxels = cache.getVolume(this.labelmapVolumeId)?.voxelManager;
    if (!voxels) throw new Error('the labelmap volume is gone');
    return voxels;
  }
}
