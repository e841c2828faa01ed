/**
 * Splits a multi-frame image (Enhanced CT and any greyscale multi-frame with
 * functional groups, PS3.3 §A.38 / §C.7.6.16) into one {@link DicomInstance}
 * per frame, so frames go through the same sorting, spacing checks and
 * volume building as single-frame slices. Every frame keeps the parsed data
 * set; its `frameIndex` says which frame of the pixel data it decodes.
 */
import type { DicomInstance } from './DicomInstance';
import { hasFunctionalGroups, readFrameAttributes } from './functionalGroups';

/**
 * The frames of an image object as slices.
 *
 * @param object - the instance as read from the top-level attributes
 * @returns one instance per frame (the object itself when single-frame
 *   without functional groups)
 */
export function frameInstances(object: DicomInstance): DicomInstance[] {
  if (!hasFunctionalGroups(object.dataSet)) return [object];

  const frames: DicomInstance[] = [];
  for (let f = 0; f < object.numberOfFrames; f++) {
    const a = readFrameAttributes(object.dataSet, f);
    frames.push({
      ...object,
      frameIndex: f,
      // Frame order in the object; only used when positions are missing.
      instanceNumber: a.inStackPosition ?? f + 1,
      positionMm: a.positionMm ?? object.positionMm,
      orientation: a.orientation ?? object.orientation,
      pixelSpacingMm: a.pixelSpacingMm ?? object.pixelSpacingMm,
      sliceThicknessMm: a.sliceThicknessMm ?? object.sliceThicknessMm,
      rescaleSlope: a.rescaleSlope ?? object.rescaleSlope,
      rescaleIntercept: a.rescaleIntercept ?? object.rescaleIntercept,
    });
  }
  return frames;
}
