/**
 * Enhanced (multi-frame) CT loads to exactly the volume of the single-frame
 * series it was made from. The enhanced object is built here, at test time,
 * from the first slices of a real series (dcmjs writes it); compressed
 * variants come from dcmtk's encoders, which write one or several fragments
 * per frame, with or without a Basic Offset Table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDicomFile } from '../../../scripts/dicom/writeDicomFile';
import type { Volume } from '../volume/Volume';
import { buildVolume } from './buildVolume';
import type { InputFile } from './ParsedFile';
import { loadStudyFromFiles } from './loadStudyFromFiles';
import { useNodeCodecWasm } from './node/nodeCodecWasm';
import type { DicomSeries } from './StudySeries';

const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? '../shared/data');
const SERIES = path.join(SHARED_DATA, 'ct/ircadb-01/PATIENT_DICOM');
const ENHANCED_CT_STORAGE = '1.2.840.10008.5.1.4.1.1.2.1';
const SLICES = 10;

type Naturalized = Record<string, unknown>;

/** DS values as dcmjs would write them, kept to 12 significant digits (DS ≤ 16 chars). */
function ds(values: unknown): number[] {
  const list = Array.isArray(values) ? values : [values];
  return list.map((v) => Number(Number(v).toPrecision(12)));
}

function naturalize(bytes: Uint8Array): Naturalized {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  const { dict } = dcmjs.data.DicomMessage.readFile(buffer as ArrayBuffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict);
}

interface EnhancedOptions {
  /** Source slices in the order their frames are written. */
  order: number[];
  /** Put the plane orientation in the per-frame groups rather than shared. */
  orientationPerFrame?: boolean;
  /** Leave the functional groups out (a plain multi-frame object). */
  noFunctionalGroups?: boolean;
  /** Per-frame items to write (default one per frame). */
  perFrameItems?: number;
}

/**
 * An Enhanced CT object holding the given single-frame slices as frames.
 * Frame f stores HU + s with Rescale Intercept −s, where s alternates
 * between 1024 and 2048, so a per-frame rescale that is ignored shows.
 */
function enhancedCt(slices: Naturalized[], o: EnhancedOptions): Uint8Array {
  const first = slices[0];
  const rows = first.Rows as number;
  const columns = first.Columns as number;
  const perFrame = rows * columns;
  const pixels = new Int16Array(perFrame * o.order.length);
  const perFrameGroups = o.order.map((source, f) => {
    const slice = slices[source];
    const shift = f % 2 ? 2048 : 1024;
    const hu = new Int16Array((slice.PixelData as ArrayBuffer[])[0]);
    const slope = Number(slice.RescaleSlope ?? 1);
    const intercept = Number(slice.RescaleIntercept ?? 0);
    for (let p = 0; p < perFrame; p++) {
      pixels[f * perFrame + p] = hu[p] * slope + intercept + shift;
    }
    const group: Naturalized = {
      PlanePositionSequence: [{ ImagePositionPatient: ds(slice.ImagePositionPatient) }],
      PixelValueTransformationSequence: [
        { RescaleIntercept: -shift, RescaleSlope: 1, RescaleType: 'HU' },
      ],
      FrameContentSequence: [{ FrameAcquisitionNumber: 1 }],
    };
    if (o.orientationPerFrame) {
      group.PlaneOrientationSequence = [
        { ImageOrientationPatient: ds(slice.ImageOrientationPatient) },
      ];
    }
    return group;
  });
  const shared: Naturalized = {
    PixelMeasuresSequence: [
      {
        PixelSpacing: ds(first.PixelSpacing),
        SliceThickness: ds(first.SliceThickness)[0],
      },
    ],
  };
  if (!o.orientationPerFrame) {
    shared.PlaneOrientationSequence = [
      { ImageOrientationPatient: ds(first.ImageOrientationPatient) },
    ];
  }
  const groups = o.noFunctionalGroups
    ? {}
    : {
        SharedFunctionalGroupsSequence: [shared],
        PerFrameFunctionalGroupsSequence: perFrameGroups.slice(
          0,
          o.perFrameItems ?? perFrameGroups.length,
        ),
      };

  return writeDicomFile({
    pixels,
    attributes: {
      SOPClassUID: ENHANCED_CT_STORAGE,
      SOPInstanceUID: '2.25.9071.1',
      StudyInstanceUID: first.StudyInstanceUID,
      SeriesInstanceUID: '2.25.9071.2',
      Modality: 'CT',
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE'],
      PatientName: first.PatientName,
      InstanceNumber: 1,
      NumberOfFrames: o.order.length,
      Rows: rows,
      Columns: columns,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      ...groups,
    },
  });
}

async function volumeOf(files: InputFile[]): Promise<Volume> {
  const study = loadStudyFromFiles(files);
  expect(study.messages).toEqual([]);
  expect(study.series).toHaveLength(1);
  const built = await buildVolume(study.series[0] as DicomSeries);
  expect(built.warnings).toEqual([]);
  return built.volume;
}

function expectSameVolume(actual: Volume, expected: Volume): void {
  expect(actual.dims).toEqual(expected.dims);
  // DS values are rewritten by dcmjs, so compare geometry to DS precision.
  for (let a = 0; a < 3; a++) {
    expect(actual.spacingMm[a]).toBeCloseTo(expected.spacingMm[a], 6);
    expect(actual.originMm[a]).toBeCloseTo(expected.originMm[a], 6);
    for (let b = 0; b < 3; b++) {
      expect(actual.direction[a][b]).toBeCloseTo(expected.direction[a][b], 9);
    }
  }
  expect(actual.voxels.length).toBe(expected.voxels.length);
  let differing = 0;
  for (let v = 0; v < expected.voxels.length; v++) {
    if (actual.voxels[v] !== expected.voxels[v]) differing++;
  }
  expect(differing).toBe(0);
}

describe('Enhanced multi-frame CT', () => {
  let sourceFiles: InputFile[];
  let slices: Naturalized[];
  let reference: Volume;
  let dir: string;
  const inOrder = [...Array(SLICES).keys()];

  beforeAll(async () => {
    useNodeCodecWasm();
    dir = mkdtempSync(path.join(tmpdir(), 'np-enhanced-'));
    sourceFiles = inOrder.map((n) => ({
      name: `image_${n}`,
      bytes: new Uint8Array(readFileSync(path.join(SERIES, `image_${n}`))),
    }));
    slices = sourceFiles.map((f) => naturalize(f.bytes));
    reference = await volumeOf(sourceFiles);
    expect(reference.dims).toEqual([512, 512, SLICES]);
  });

  it('splits into one slice per frame with the geometry of the functional groups', () => {
    const bytes = enhancedCt(slices, { order: inOrder });
    const study = loadStudyFromFiles([{ name: 'enhanced.dcm', bytes }]);
    const series = study.series[0] as DicomSeries;
    expect(series.summary.sliceCount).toBe(SLICES);
    expect(series.instances.map((i) => i.frameIndex)).toEqual(inOrder);
    const frame = series.instances[3];
    expect(frame.positionMm).toEqual(ds(slices[3].ImagePositionPatient));
    expect(frame.orientation?.flat()).toEqual(ds(slices[0].ImageOrientationPatient));
    expect(frame.pixelSpacingMm).toEqual(ds(slices[0].PixelSpacing));
    expect(frame.sliceThicknessMm).toEqual(ds(slices[0].SliceThickness)[0]);
    expect(frame.rescaleSlope).toBe(1);
    expect(frame.rescaleIntercept).toBe(-2048);
  });

  it('builds the same volume as the single-frame series', async () => {
    const bytes = enhancedCt(slices, { order: inOrder });
    expectSameVolume(await volumeOf([{ name: 'enhanced.dcm', bytes }]), reference);
  });

  it('sorts frames stored in reverse order (orientation per frame)', async () => {
    const bytes = enhancedCt(slices, {
      order: [...inOrder].reverse(),
      orientationPerFrame: true,
    });
    expectSameVolume(await volumeOf([{ name: 'reversed.dcm', bytes }]), reference);
  });

  it.each([
    {
      name: 'JPEG-LS, a fragment per frame, offset table',
      tool: 'dcmcjpls',
      args: [],
      fragmentsPerFrame: 1,
      table: true,
    },
    {
      name: 'JPEG-LS, several fragments per frame, offset table',
      tool: 'dcmcjpls',
      args: ['+fs', '16', '+ot'],
      fragmentsPerFrame: 'several',
      table: true,
    },
    {
      name: 'JPEG-LS, several fragments per frame, no offset table',
      tool: 'dcmcjpls',
      args: ['+fs', '16', '-ot'],
      fragmentsPerFrame: 'several',
      table: false,
    },
    {
      name: 'RLE, a fragment per frame, no offset table',
      tool: 'dcmcrle',
      args: ['-ot'],
      fragmentsPerFrame: 1,
      table: false,
    },
  ])('decodes encapsulated frames: $name', async (c) => {
    const { tool, args } = c;
    const plain = path.join(dir, 'shuffled.dcm');
    writeFileSync(plain, enhancedCt(slices, { order: [4, 9, 0, 2, 7, 1, 8, 3, 6, 5] }));
    const out = path.join(dir, `${tool}${args.join('')}.dcm`);
    execFileSync(tool, [...args, plain, out]);
    const bytes = new Uint8Array(readFileSync(out));

    // The encoder wrote the layout this case is meant to exercise.
    const study = loadStudyFromFiles([{ name: 'compressed.dcm', bytes }]);
    const el = (study.series[0] as DicomSeries).instances[0].dataSet.elements.x7fe00010;
    expect(el.encapsulatedPixelData).toBe(true);
    expect((el.basicOffsetTable ?? []).length).toBe(c.table ? SLICES : 0);
    if (c.fragmentsPerFrame === 1) expect(el.fragments).toHaveLength(SLICES);
    else expect(el.fragments!.length).toBeGreaterThan(SLICES);

    expectSameVolume(await volumeOf([{ name: 'compressed.dcm', bytes }]), reference);
  });

  it('reports a multi-frame object without functional groups as unsupported', () => {
    const bytes = enhancedCt(slices, { order: inOrder, noFunctionalGroups: true });
    const study = loadStudyFromFiles([{ name: 'cine.dcm', bytes }]);
    expect(study.series).toHaveLength(0);
    expect(study.skipped).toEqual([
      {
        fileName: 'cine.dcm',
        kind: 'unsupported',
        reason:
          'multi-frame images without functional groups (10 frames) are not supported',
      },
    ]);
  });

  it('reports per-frame groups that do not match Number of Frames', () => {
    const bytes = enhancedCt(slices, { order: inOrder, perFrameItems: 7 });
    const study = loadStudyFromFiles([{ name: 'short.dcm', bytes }]);
    expect(study.skipped[0].reason).toBe(
      'the per-frame functional groups hold 7 items for 10 frames',
    );
  });
});
