import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticSeries } from '../../scripts/dicom/syntheticSeries';
import { loadStudyFromPath } from '../core/dicom/node/readFolder';
import { planVolume } from '../core/dicom/planVolume';
import type { DicomSeries } from '../core/dicom/StudySeries';
import { initBackend } from '../core/inference/initBackend';
import { saveModelToDir, testManifest } from '../core/inference/testing/saveModelToDir';
import { buildThresholdNetwork } from '../core/inference/testing/testNetworks';
import { readNifti } from '../core/nifti/readNifti';
import { writeNifti } from '../core/nifti/writeNifti';
import {
  centredGrid,
  PHANTOM,
  phantomVolume,
} from '../core/segmentation/testing/kidneyPhantom';
import type { Volume } from '../core/volume/Volume';
import { sliceOfView } from '../viewer/sliceOfView';
import { CliError } from './CliError';
import { parseSegmentArgs, runSegment } from './segmentCommand';

const root = resolve(__dirname, '../..');
const sharedData = process.env.SHARED_DATA ?? resolve(root, '../shared/data');
const realNifti = join(sharedData, 'ct/totalseg/example_ct_sm.nii.gz');
const ircadb = join(sharedData, 'ct/ircadb-01/PATIENT_DICOM');
const haveRealModel = existsSync(join(root, 'models/segmentation/manifest.json'));

/**
 * Copies slices [first, end) of IRCADb-01, in slice order, into `folder`,
 * leaving out those for which `skip` (index within the copy) is true.
 */
async function copyIrcadbSlices(
  folder: string,
  first: number,
  end: number,
  skip: (n: number) => boolean = () => false,
): Promise<void> {
  const study = await loadStudyFromPath(ircadb);
  const { slices } = planVolume((study.series[0] as DicomSeries).instances);
  mkdirSync(folder, { recursive: true });
  slices.slice(first, end).forEach((slice, n) => {
    if (!skip(n))
      copyFileSync(join(ircadb, slice.fileName), join(folder, slice.fileName));
  });
}

/** Voxel count and mean (i, j) of a label on each slice k. */
function labelPerSlice(mask: Volume, label: number) {
  const [nx, ny, nz] = mask.dims;
  const slices = [];
  for (let k = 0; k < nz; k++) {
    let count = 0;
    let si = 0;
    let sj = 0;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (mask.voxels[i + nx * (j + ny * k)] !== label) continue;
        count++;
        si += i;
        sj += j;
      }
    }
    slices.push({ count, meanI: si / count, meanJ: sj / count });
  }
  return slices;
}

/** A HU volume as int16 NIfTI, reusing writeNifti's header for the geometry. */
function writeHuNifti(volume: Volume): Uint8Array {
  const header = gunzipSync(
    writeNifti({ ...volume, labels: new Uint8Array(volume.voxels.length) }),
  ).slice(0, 352);
  const view = new DataView(header.buffer);
  view.setInt16(70, 4, true); // datatype int16
  view.setInt16(72, 16, true); // bitpix
  view.setFloat32(132, 0, true);
  const data = Int16Array.from(volume.voxels);
  const bytes = new Uint8Array(352 + data.byteLength);
  bytes.set(header);
  bytes.set(new Uint8Array(data.buffer), 352);
  return gzipSync(bytes);
}

let dir = '';
let modelDir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nephroplan-segment-'));
  modelDir = join(dir, 'model');
  await initBackend({ requested: 'wasm' });
  await saveModelToDir(buildThresholdNetwork(128), testManifest(128, 3), modelDir);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('segment arguments', () => {
  it.each([
    [[], 'exactly one input'],
    [['a.nii'], '--out'],
    [['a.nii', '--out', 'mask.nii'], '.nii.gz'],
    [['a.nii', '--out', 'm.nii.gz', '--backend', 'webgpu'], 'wasm or cpu'],
    [['a.nii', '--out', 'm.nii.gz', '--bogus', '1'], 'unknown option'],
    [['a.nii', 'b.nii', '--out', 'm.nii.gz'], 'exactly one input'],
    [['a.nii', '--out'], 'needs a value'],
    [['a.nii', '--out', 'm.nii.gz', '--batch', '0'], '--batch'],
    [
      ['a.nii', '--out', 'm.nii.gz', '--out', 'n.nii.gz'],
      'option --out given more than once',
    ],
  ])('rejects %j', (args, message) => {
    expect(() => parseSegmentArgs(args as string[])).toThrow(CliError);
    expect(() => parseSegmentArgs(args as string[])).toThrow(message);
  });

  it('reads every option', () => {
    const args = [
      'in',
      '--out',
      'o.nii.gz',
      '--json',
      'j.json',
      '--backend',
      'cpu',
      '--model',
      'm',
      '--batch',
      '8',
    ];
    expect(parseSegmentArgs(args)).toEqual({
      input: 'in',
      out: 'o.nii.gz',
      json: 'j.json',
      backend: 'cpu',
      backendGiven: true,
      modelDir: 'm',
      batchSize: 8,
    });
  });

  it('defaults to WASM and remembers that the user chose nothing', () => {
    const parsed = parseSegmentArgs(['in', '--out', 'o.nii.gz']);
    expect(parsed.backend).toBe('wasm');
    expect(parsed.backendGiven).toBe(false);
  });
});

describe('segment on files', () => {
  it('segments a phantom NIfTI and measures the known anatomy', async () => {
    const grid = centredGrid(
      [96, 80, 40],
      [2, 2, 2.5],
      [
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, 1],
      ],
    );
    const input = join(dir, 'phantom.nii.gz');
    writeFileSync(input, writeHuNifti(phantomVolume(grid)));
    const out = join(dir, 'phantom-mask.nii.gz');
    const json = join(dir, 'phantom.json');

    const code = await runSegment([
      input,
      '--out',
      out,
      '--json',
      json,
      '--model',
      modelDir,
    ]);
    expect(code).toBe(0);

    const mask = readNifti(readFileSync(out));
    expect(mask.dims).toEqual(grid.dims);
    expect(mask.direction).toEqual(grid.direction);
    mask.originMm.forEach((v, a) => expect(v).toBeCloseTo(grid.originMm[a], 4));

    const report = JSON.parse(readFileSync(json, 'utf8'));
    const m = report.measurements;
    const tumourMl = ((4 / 3) * Math.PI * PHANTOM.tumour.radiiMm[0] ** 3) / 1000;
    const [a, b, c] = PHANTOM.rightKidney.radiiMm;
    const kidneyMl = ((4 / 3) * Math.PI * a * b * c) / 1000;
    expect(m.tumourSide).toBe('left');
    expect(m.tumourVolumeMl).toBeGreaterThan(tumourMl * 0.9);
    expect(m.tumourVolumeMl).toBeLessThan(tumourMl * 1.1);
    // The threshold network's kidney edge (76 HU between fat −100 and kidney
    // 110) sits about 1 mm inside the true surface: the kidney comes out small.
    expect(m.kidneys.right.kidneyVolumeMl).toBeGreaterThan(kidneyMl * 0.8);
    expect(m.kidneys.right.kidneyVolumeMl).toBeLessThan(kidneyMl * 1.05);
    expect(m.kidneys.right.tumourVolumeMl).toBe(0);
    expect(m.tumourComponentCount).toBe(1);
    expect(m.maxTumourDiameter3dCm).toBeGreaterThan(2.9);
    expect(m.maxTumourDiameter3dCm).toBeLessThan(3.5);
    expect(report.backend.name).toBe('wasm');
    expect(report.voxelCounts.kidney + report.voxelCounts.tumour).toBeGreaterThan(0);
    // The largest tumour slice is the one through the sphere's centre (z = 12 mm).
    const z = grid.originMm[2] + m.largestTumourSlice.index * 2.5;
    expect(Math.abs(z - PHANTOM.tumour.centreMm[2])).toBeLessThanOrEqual(2.5);
  });

  it("numbers the largest tumour slice as the viewer does, in the file's own order", async () => {
    // Stored superior → inferior: voxel order is not the anatomical order.
    const grid = centredGrid(
      [96, 80, 40],
      [2, 2, 2.5],
      [
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ],
    );
    const volume = phantomVolume(grid);
    const input = join(dir, 'phantom-head-first.nii.gz');
    writeFileSync(input, writeHuNifti(volume));
    const json = join(dir, 'phantom-head-first.json');

    await runSegment([
      input,
      '--out',
      join(dir, 'phantom-head-first-mask.nii.gz'),
      '--json',
      json,
      '--model',
      modelDir,
    ]);

    const slice = JSON.parse(readFileSync(json, 'utf8')).measurements.largestTumourSlice;
    expect(slice.axis).toBe(2);
    // Index k runs down the patient here: z = origin − 2.5 k.
    expect(slice.centreMm[2]).toBeCloseTo(grid.originMm[2] - slice.index * 2.5, 4);
    expect(Math.abs(slice.centreMm[2] - PHANTOM.tumour.centreMm[2])).toBeLessThanOrEqual(
      2.5,
    );
    // The axial view's counter at that slice shows viewerSliceNumber.
    const shown = sliceOfView(volume, [0, 0, 1], slice.centreMm);
    expect(slice.viewerSliceNumber).toBe(shown.index + 1);
    expect(slice.viewerSliceNumber).toBe(slice.index + 1);
  });

  it.skipIf(!existsSync(realNifti))(
    'writes the mask of a real CT on its own grid',
    async () => {
      const out = join(dir, 'real-mask.nii.gz');
      await runSegment([
        realNifti,
        '--out',
        out,
        '--model',
        modelDir,
        '--backend',
        'cpu',
      ]);
      const ct = readNifti(readFileSync(realNifti));
      const mask = readNifti(readFileSync(out));
      expect(mask.dims).toEqual(ct.dims);
      for (let a = 0; a < 3; a++) {
        expect(mask.spacingMm[a]).toBeCloseTo(ct.spacingMm[a], 5);
        expect(mask.originMm[a]).toBeCloseTo(ct.originMm[a], 4);
        for (let c = 0; c < 3; c++)
          expect(mask.direction[a][c]).toBeCloseTo(ct.direction[a][c], 6);
      }
      expect(mask.voxels.every((v) => v === 0 || v === 1 || v === 2)).toBe(true);
    },
  );

  describe('a folder with skipped files and missing slices', () => {
    afterEach(() => vi.restoreAllMocks());

    it('says on stderr and in the JSON what it skipped and why', async () => {
      const folder = join(dir, 'damaged');
      mkdirSync(folder);
      const files = syntheticSeries({ offsetsMm: [0, 2, 4, 10, 12, 14] });
      for (const f of files) writeFileSync(join(folder, f.name), f.bytes);
      const cut = files[1].bytes.slice(0, files[1].bytes.length - 200);
      writeFileSync(join(folder, 'cut.dcm'), cut);
      const corrupted = new Uint8Array(600);
      corrupted.set(new TextEncoder().encode('DICM'), 128);
      for (let i = 132; i < corrupted.length; i++) corrupted[i] = (i * 131) % 256;
      writeFileSync(join(folder, 'garbage.dcm'), corrupted);
      writeFileSync(join(folder, 'notes.txt'), 'scanned on the old CT');
      const json = join(dir, 'damaged.json');
      const stderr: string[] = [];
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        stderr.push(String(chunk));
        return true;
      });

      const out = join(dir, 'damaged.nii.gz');
      expect(
        await runSegment([folder, '--out', out, '--json', json, '--model', modelDir]),
      ).toBe(0);

      const warnings = JSON.parse(readFileSync(json, 'utf8')).warnings;
      expect(warnings).toEqual([
        {
          code: 'unreadable',
          file: 'cut.dcm',
          message: 'pixel data is truncated (the file ends early)',
        },
        {
          code: 'unreadable',
          file: 'garbage.dcm',
          message: expect.stringContaining('corrupted'),
        },
        { code: 'not-dicom-skipped', file: 'notes.txt', message: 'not DICOM' },
        {
          code: 'missing-slices',
          message: expect.stringContaining('filled with 2 empty slices (slices 4–5)'),
        },
      ]);
      const printed = stderr.filter((l) => l.startsWith('segment: warning: '));
      expect(printed).toEqual([
        expect.stringContaining('not DICOM: notes.txt.'),
        expect.stringMatching(
          /Could not read 2 files: cut.dcm: pixel data is truncated.*, garbage.dcm: /,
        ),
        expect.stringContaining('Missing slices: a 6.00 mm gap after slice 3'),
      ]);
    });
  });

  describe('output paths', () => {
    /** A small phantom: the command would run, were it not for its outputs. */
    const small = () => join(dir, 'small-phantom.nii.gz');
    beforeAll(() => {
      const grid = centredGrid(
        [48, 40, 8],
        [4, 4, 5],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      );
      writeFileSync(small(), writeHuNifti(phantomVolume(grid)));
    });
    afterEach(() => vi.restoreAllMocks());

    /** Lines written to stderr from now on. */
    function captureStderr(): string[] {
      const lines: string[] = [];
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      return lines;
    }

    it('refuses an --out or --json it cannot write before loading or segmenting', async () => {
      const aFile = join(dir, 'a-file.txt');
      writeFileSync(aFile, 'not a folder');
      const stderr = captureStderr();
      const segment = (...more: string[]) =>
        runSegment([small(), '--model', modelDir, ...more]);

      await expect(segment('--out', join(aFile, 'sub', 'mask.nii.gz'))).rejects.toThrow(
        /^cannot write --out .*does not exist and cannot be created \(ENOTDIR\)$/,
      );
      await expect(segment('--out', join(aFile, 'mask.nii.gz'))).rejects.toThrow(
        `cannot write --out ${join(aFile, 'mask.nii.gz')}: ${aFile} is not a folder`,
      );
      const folder = join(dir, 'is-a-folder.nii.gz');
      mkdirSync(folder);
      await expect(segment('--out', folder)).rejects.toThrow(
        'it is a folder, not a file',
      );
      await expect(
        segment('--out', join(dir, 'ok.nii.gz'), '--json', join(aFile, 'm.json')),
      ).rejects.toMatchObject({
        exitCode: 1,
        message: expect.stringContaining('--json'),
      });
      // Nothing was loaded or segmented.
      expect(stderr.filter((l) => l.includes('slices'))).toEqual([]);
      expect(existsSync(join(dir, 'ok.nii.gz'))).toBe(false);
    });

    it('creates a missing output folder and says so', async () => {
      const stderr = captureStderr();
      const folder = join(dir, 'new', 'folder');
      const out = join(folder, 'mask.nii.gz');
      await runSegment([small(), '--out', out, '--model', modelDir]);
      expect(existsSync(out)).toBe(true);
      expect(stderr[0]).toBe(`segment: created the folder ${folder} for --out\n`);
    });
  });

  it('says what is wrong with bad input', async () => {
    const out = join(dir, 'x.nii.gz');
    await expect(
      runSegment([join(dir, 'missing.nii.gz'), '--out', out, '--model', modelDir]),
    ).rejects.toThrow('input not found');
    const junk = join(dir, 'junk.nii.gz');
    writeFileSync(junk, 'not an image');
    await expect(runSegment([junk, '--out', out, '--model', modelDir])).rejects.toThrow(
      CliError,
    );
    const phantom = join(dir, 'phantom.nii.gz');
    await expect(
      runSegment([phantom, '--out', out, '--model', join(dir, 'nowhere')]),
    ).rejects.toThrow('no segmentation model');
  });

  it('exits non-zero with a message from the command line', async () => {
    const run = promisify(execFile)(
      'npx',
      [
        'tsx',
        'src/cli/main.ts',
        'segment',
        join(dir, 'missing.nii'),
        '--out',
        join(dir, 'o.nii.gz'),
      ],
      {
        cwd: root,
      },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('input not found'),
    });
  });
});

describe.skipIf(!existsSync(ircadb) || !haveRealModel)(
  'segment a series with missing slices',
  () => {
    it('writes the mask on the full grid, slices above the gap where the full series has them', async () => {
      // 20 slices through both kidneys; the gapped copy lacks the 9th to 12th.
      const full = join(dir, 'ircadb-crop');
      const gapped = join(dir, 'ircadb-crop-gap');
      await copyIrcadbSlices(full, 10, 30);
      await copyIrcadbSlices(gapped, 10, 30, (n) => n >= 8 && n < 12);
      const masks = [];
      for (const input of [full, gapped]) {
        const out = `${input}.nii.gz`;
        expect(await runSegment([input, '--out', out])).toBe(0);
        masks.push(readNifti(readFileSync(out)));
      }
      const [whole, filled] = masks;

      expect(filled.dims).toEqual([512, 512, 20]);
      for (let a = 0; a < 3; a++) {
        expect(filled.spacingMm[a]).toBeCloseTo(whole.spacingMm[a], 4);
        expect(filled.originMm[a]).toBeCloseTo(whole.originMm[a], 4);
      }
      const kidneyWhole = labelPerSlice(whole, 1);
      const kidneyFilled = labelPerSlice(filled, 1);
      for (let k = 8; k < 12; k++) {
        expect(kidneyFilled[k].count, `empty slice ${k}`).toBe(0);
        expect(labelPerSlice(filled, 2)[k].count, `empty slice ${k}`).toBe(0);
      }
      for (let k = 12; k < 20; k++) {
        const [a, b] = [kidneyWhole[k], kidneyFilled[k]];
        expect(a.count, `slice ${k}`).toBeGreaterThan(1000);
        expect(Math.abs(b.count - a.count), `slice ${k}`).toBeLessThan(0.05 * a.count);
        expect(Math.abs(b.meanI - a.meanI), `slice ${k}`).toBeLessThan(1);
        expect(Math.abs(b.meanJ - a.meanJ), `slice ${k}`).toBeLessThan(1);
      }
    }, 120_000);
  },
);
