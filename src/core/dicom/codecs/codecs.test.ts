/**
 * Compressed transfer syntaxes decode to exactly the voxels of the
 * uncompressed file: series are re-encoded with dcmtk (JPEG-LS, RLE, JPEG
 * Lossless), and a real JPEG 2000 slice is checked against OpenJPEG's own
 * command-line decoder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPgm } from '../../../../scripts/dicom/readPgm';
import { syntheticSeries } from '../../../../scripts/dicom/syntheticSeries';
import { buildVolume } from '../buildVolume';
import { loadStudyFromFiles } from '../loadStudyFromFiles';
import { loadStudyFromPath } from '../node/readFolder';
import { useNodeCodecWasm } from '../node/nodeCodecWasm';
import type { DicomSeries } from '../StudySeries';

const SHARED_DATA = path.resolve(process.env.SHARED_DATA ?? '../shared/data');

function volumeOf(files: { name: string; bytes: Uint8Array }[]) {
  const study = loadStudyFromFiles(files);
  expect(study.messages).toEqual([]);
  return buildVolume(study.series[0] as DicomSeries);
}

describe('transfer syntaxes', () => {
  let dir: string;
  const series = syntheticSeries({ rows: 40, columns: 48, intercept: -1024 });

  beforeAll(() => {
    useNodeCodecWasm();
    dir = mkdtempSync(path.join(tmpdir(), 'np-codecs-'));
    for (const f of series) writeFileSync(path.join(dir, f.name), f.bytes);
  });

  it.each([
    {
      name: 'JPEG-LS lossless',
      tool: 'dcmcjpls',
      args: ['--encode-lossless'],
      uid: '1.2.840.10008.1.2.4.80',
    },
    { name: 'RLE lossless', tool: 'dcmcrle', args: [], uid: '1.2.840.10008.1.2.5' },
    {
      name: 'JPEG lossless SV1',
      tool: 'dcmcjpeg',
      args: ['--encode-lossless-sv1'],
      uid: '1.2.840.10008.1.2.4.70',
    },
    {
      name: 'JPEG lossless',
      tool: 'dcmcjpeg',
      args: ['--encode-lossless'],
      uid: '1.2.840.10008.1.2.4.57',
    },
    {
      name: 'Deflated explicit LE',
      tool: 'dcmconv',
      args: ['--write-xfer-deflated'],
      uid: '1.2.840.10008.1.2.1.99',
    },
    {
      name: 'Explicit big endian',
      tool: 'dcmconv',
      args: ['--write-xfer-big'],
      uid: '1.2.840.10008.1.2.2',
    },
    {
      name: 'Implicit LE',
      tool: 'dcmconv',
      args: ['--write-xfer-implicit'],
      uid: '1.2.840.10008.1.2',
    },
  ])(
    '$name decodes to the same HU as the uncompressed series',
    async ({ tool, args, uid }) => {
      const compressed = series.map((f) => {
        const out = path.join(dir, `${f.name}.${tool}${args.join('')}`);
        execFileSync(tool, [...args, path.join(dir, f.name), out]);
        return { name: f.name, bytes: new Uint8Array(readFileSync(out)) };
      });
      const study = loadStudyFromFiles(compressed);
      const instance = (study.series[0] as DicomSeries).instances[0];
      expect(instance.transferSyntaxUid).toBe(uid);

      const reference = await volumeOf(series);
      const decoded = await volumeOf(compressed);
      expect(decoded.volume.dims).toEqual(reference.volume.dims);
      expect(Array.from(decoded.volume.voxels)).toEqual(
        Array.from(reference.volume.voxels),
      );
    },
  );
});

describe('JPEG 2000 (real CT series)', () => {
  it('matches opj_decompress on a slice of the reference series', async () => {
    const folder = path.join(SHARED_DATA, 'ct/totalseg/example_ct_dicom');
    const study = await loadStudyFromPath(folder);
    const series = study.series[0] as DicomSeries;
    const { volume, slices } = await buildVolume(series);
    expect(volume.dims).toEqual([512, 512, 20]);

    // Independent path: dcmjs extracts the codestream, OpenJPEG's CLI decodes it.
    const k = 7;
    const file = path.join(folder, slices[k].fileName);
    const buf = readFileSync(file);
    const ds = dcmjs.data.DicomMessage.readFile(
      buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length),
    );
    const frames = (ds.dict['7FE00010'] as { Value: ArrayBuffer[] }).Value;
    const codestream = Buffer.concat(frames.map((f) => Buffer.from(f)));
    const tmp = mkdtempSync(path.join(tmpdir(), 'np-j2k-'));
    writeFileSync(path.join(tmp, 'f.j2k'), codestream);
    execFileSync(
      'opj_decompress',
      ['-i', path.join(tmp, 'f.j2k'), '-o', path.join(tmp, 'f.pgm')],
      {
        stdio: 'ignore',
      },
    );
    const pgm = readPgm(new Uint8Array(readFileSync(path.join(tmp, 'f.pgm'))));
    expect([pgm.width, pgm.height]).toEqual([512, 512]);
    const slope = Number((ds.dict['00281053'] as { Value: string[] }).Value[0]);
    const intercept = Number((ds.dict['00281052'] as { Value: string[] }).Value[0]);
    for (const [i, j] of [
      [256, 256],
      [100, 300],
      [400, 150],
      [10, 10],
    ]) {
      const stored = pgm.samples[j * 512 + i];
      expect(volume.voxels[i + j * 512 + k * 512 * 512]).toBe(stored * slope + intercept);
    }
  });
});
