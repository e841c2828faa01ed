/**
 * Parses one file into a {@link ParsedFile}: reads the attributes a volume
 * needs with dicom-parser and classifies everything that is not a usable
 * greyscale image (single-frame, or multi-frame with functional groups, which
 * is split into one instance per frame). Pixel data is not decoded here.
 */
import dicomParser, { type DataSet } from 'dicom-parser';
import { inflateSync } from 'fflate';
import type { Vec3 } from '../volume/Volume';
import type { DicomInstance } from './DicomInstance';
import type { InputFile, ParsedFile } from './ParsedFile';
import {
  formatDicomDate,
  formatPatientSex,
  formatPersonName,
  readText,
} from './dicomText';
import { isPart10 } from './isPart10';
import { describeNonImageSopClass } from './sopClass';
import { describeTransferSyntax } from './transferSyntax';
import { checkPixelDataLength } from './pixelDataLength';
import { readNumbers } from './dicomNumbers';
import { hasFunctionalGroups, perFrameGroupCount } from './functionalGroups';
import { frameInstances } from './frameInstances';

const PIXEL_DATA = 'x7fe00010';

/** SOP classes that carry pixel data yet are not images to review. */
const NON_IMAGE_WITH_PIXELS = ['1.2.840.10008.5.1.4.1.1.66.4'];

/**
 * Deflated transfer syntax (PS3.5 §A.5): everything after the file meta
 * header is raw-deflated.
 */
function inflateDataSet(bytes: Uint8Array, position: number): Uint8Array {
  const body = inflateSync(bytes.subarray(position));
  const full = new Uint8Array(position + body.length);
  full.set(bytes.subarray(0, position));
  full.set(body, position);
  return full;
}

/** A reason a user can act on, from what dicom-parser threw. */
function errorText(err: unknown): string {
  let raw = String(err);
  let partial: DataSet | undefined;
  if (err instanceof Error) raw = err.message;
  else if (err && typeof err === 'object' && 'exception' in err) {
    raw = String((err as { exception: unknown }).exception);
    partial = (err as { dataSet?: DataSet }).dataSet;
  }
  if (/buffer overrun|past end of buffer/i.test(raw)) {
    return partial?.elements.x7fe00010
      ? 'pixel data is truncated (the file ends early)'
      : 'the file is truncated or corrupted (it ends inside a data element)';
  }
  if (/missing required meta header/i.test(raw)) {
    return `the file meta header is corrupted (${raw.replace(/^.*?: /, '')})`;
  }
  return `the file is corrupted (${raw})`;
}

/** The grouping key: the Series UID, else study + number + description. */
function seriesKeyOf(ds: DataSet, seriesUid: string): string {
  if (seriesUid) return seriesUid;
  const parts = [
    ds.string('x0020000d') ?? '',
    ds.string('x00200011') ?? '',
    ds.string('x0008103e') ?? '',
    ds.string('x00080060') ?? '',
  ];
  return `no-series-uid:${parts.join('|')}`;
}

function readInstance(fileName: string, ds: DataSet): DicomInstance {
  const position = readNumbers(ds, 'x00200032', 3) as Vec3 | undefined;
  const iop = readNumbers(ds, 'x00200037', 6);
  const spacing = readNumbers(ds, 'x00280030', 2) as [number, number] | undefined;
  const seriesUid = ds.string('x0020000e') ?? '';
  return {
    fileName,
    sopClassUid: ds.string('x00080016') || ds.string('x00020002') || '',
    sopInstanceUid: ds.string('x00080018') || ds.string('x00020003') || '',
    studyInstanceUid: ds.string('x0020000d') ?? '',
    seriesInstanceUid: seriesUid,
    seriesKey: seriesKeyOf(ds, seriesUid),
    modality: (ds.string('x00080060') ?? '').toUpperCase(),
    seriesDescription: readText(ds, 'x0008103e'),
    seriesNumber: ds.intString('x00200011'),
    instanceNumber: ds.intString('x00200013'),
    rows: ds.uint16('x00280010') ?? 0,
    columns: ds.uint16('x00280011') ?? 0,
    numberOfFrames: ds.intString('x00280008') ?? 1,
    frameIndex: 0,
    pixelSpacingMm: spacing,
    sliceThicknessMm: ds.floatString('x00180050'),
    positionMm: position,
    orientation: iop ? [iop.slice(0, 3) as Vec3, iop.slice(3, 6) as Vec3] : undefined,
    rescaleSlope: ds.floatString('x00281053') ?? 1,
    rescaleIntercept: ds.floatString('x00281052') ?? 0,
    bitsAllocated: ds.uint16('x00280100') ?? 16,
    bitsStored: ds.uint16('x00280101') ?? ds.uint16('x00280100') ?? 16,
    pixelRepresentation: ds.uint16('x00280103') ?? 0,
    samplesPerPixel: ds.uint16('x00280002') ?? 1,
    photometricInterpretation: ds.string('x00280004') ?? 'MONOCHROME2',
    transferSyntaxUid: ds.string('x00020010') ?? '1.2.840.10008.1.2',
    patientStudy: {
      patientName: formatPersonName(readText(ds, 'x00100010')),
      patientId: readText(ds, 'x00100020'),
      birthDate: formatDicomDate(readText(ds, 'x00100030')),
      patientSex: formatPatientSex(readText(ds, 'x00100040')),
      studyDate: formatDicomDate(readText(ds, 'x00080020')),
      studyDescription: readText(ds, 'x00081030'),
      accessionNumber: readText(ds, 'x00080050'),
      institutionName: readText(ds, 'x00080080'),
    },
    dataSet: ds,
  };
}

/** Why an image instance cannot become part of a volume, if it cannot. */
function unsupportedReason(inst: DicomInstance): string | undefined {
  const syntax = describeTransferSyntax(inst.transferSyntaxUid);
  if (syntax.encoding === 'unsupported') {
    return `transfer syntax ${syntax.name} is not supported`;
  }
  if (inst.samplesPerPixel !== 1) {
    return `colour images (${inst.photometricInterpretation}) are not supported`;
  }
  if (inst.numberOfFrames > 1 && !hasFunctionalGroups(inst.dataSet)) {
    // Without per-frame positions the frames are not known to form a volume
    // (cine loops, secondary captures).
    return (
      `multi-frame images without functional groups (${inst.numberOfFrames} frames) ` +
      'are not supported'
    );
  }
  if (![8, 16].includes(inst.bitsAllocated)) {
    return `${inst.bitsAllocated}-bit pixels are not supported`;
  }
  return undefined;
}

/** A message when Number of Frames and the per-frame groups disagree. */
function checkFrameCount(inst: DicomInstance): string | undefined {
  if (!Number.isInteger(inst.numberOfFrames) || inst.numberOfFrames < 1) {
    return `Number of Frames is invalid (${inst.numberOfFrames})`;
  }
  const groups = perFrameGroupCount(inst.dataSet);
  if (groups !== null && groups !== inst.numberOfFrames) {
    return (
      `the per-frame functional groups hold ${groups} items ` +
      `for ${inst.numberOfFrames} frames`
    );
  }
  return undefined;
}

/**
 * Classifies and parses one file; a multi-frame image becomes one instance
 * per frame.
 *
 * @param file - name and bytes of the file
 * @returns the parsed instance, or why it was set aside
 */
export function parseDicomFile(file: InputFile): ParsedFile {
  const fileName = file.name;
  if (!isPart10(file.bytes)) return { kind: 'not-dicom', fileName };

  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(file.bytes, { inflater: inflateDataSet });
  } catch (err) {
    return { kind: 'unreadable', fileName, reason: errorText(err) };
  }

  const sopClass = ds.string('x00080016') || ds.string('x00020002') || '';
  const pixels = ds.elements[PIXEL_DATA];
  if (!pixels || NON_IMAGE_WITH_PIXELS.includes(sopClass)) {
    return {
      kind: 'non-image',
      fileName,
      description: describeNonImageSopClass(sopClass),
    };
  }

  const instance = readInstance(fileName, ds);
  if (instance.rows === 0 || instance.columns === 0) {
    return { kind: 'unreadable', fileName, reason: 'rows or columns missing' };
  }
  const reason = unsupportedReason(instance);
  if (reason) return { kind: 'unsupported', fileName, reason };

  const problem = checkFrameCount(instance) ?? checkPixelDataLength(instance);
  if (problem) return { kind: 'unreadable', fileName, reason: problem };
  return { kind: 'image', instances: frameInstances(instance) };
}
