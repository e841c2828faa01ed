/**
 * Parity with the Python training code: the TypeScript preprocessing must give
 * the network the same input (max abs difference ≤ 1e-5) and map its output
 * back to the same labels (≥ 99.9 % of pixels) as training/seg does.
 *
 * The reference arrays come from `training/seg/dump_reference.py` (real CT
 * slices: 3D-IRCADb DICOM, TotalSegmentator NIfTI, CURVAS 8-bit), run here
 * into a temporary folder with the trained checkpoint. The test is skipped,
 * saying which, when the script, the checkpoint
 * (models/segmentation/model.pt) or Debian's /usr/bin/python3 is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preprocessSlice } from './preprocessSlice';
import { probabilitiesToLabels } from './probabilitiesToLabels';
import {
  parseSegmentationManifest,
  type SegmentationManifest,
} from './SegmentationManifest';

const root = resolve(__dirname, '../../..');
// DUMP_REFERENCE_SCRIPT points the test at another script with the same output.
const script =
  process.env.DUMP_REFERENCE_SCRIPT ?? join(root, 'training/seg/dump_reference.py');
// The trained PyTorch checkpoint the script runs; SEG_CHECKPOINT picks another.
const checkpoint =
  process.env.SEG_CHECKPOINT ?? join(root, 'models/segmentation/model.pt');
const python = '/usr/bin/python3';
const missing = [python, script, checkpoint].find((path) => !existsSync(path));
const available = missing === undefined;
if (!available) console.warn(`preprocessParity: skipped, ${missing} does not exist`);

interface Reference {
  name: string;
  height: number;
  width: number;
  spacing: [number, number];
  rawHu: Float32Array;
  input: Float32Array;
  probs: Float32Array;
  labels: Uint8Array;
}

function f32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function readReferences(dir: string): Reference[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const name = f.slice(0, -'.json'.length);
      const meta = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      return {
        name,
        height: meta.H,
        width: meta.W,
        spacing: [Number(meta.spacingRowMm), Number(meta.spacingColMm)],
        rawHu: f32(join(dir, `${name}.raw_hu.f32`)),
        input: f32(join(dir, `${name}.input.f32`)),
        probs: f32(join(dir, `${name}.probs.f32`)),
        labels: new Uint8Array(readFileSync(join(dir, `${name}.labels.u8`))),
      };
    });
}

describe.skipIf(!available)(
  'parity with the Python preprocessing (dump_reference.py)',
  () => {
    let dir = '';
    let refs: Reference[] = [];
    let manifest: SegmentationManifest;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'nephroplan-parity-'));
      execFileSync(
        python,
        [script, '--out', dir, '--slices', '4', '--ckpt', checkpoint],
        {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit'],
          timeout: 300_000,
        },
      );
      refs = readReferences(dir);
      const manifestPath = join(root, 'models/segmentation/manifest.json');
      manifest = parseSegmentationManifest(
        JSON.parse(readFileSync(manifestPath, 'utf8')),
      );
    }, 320_000);

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('finds reference slices', () => {
      expect(refs.length).toBeGreaterThan(0);
    });

    it('gives the network the same input (max abs difference ≤ 1e-5)', () => {
      for (const ref of refs) {
        const { height, width, spacing } = ref;
        expect(ref.rawHu.length, ref.name).toBe(height * width);
        const input = preprocessSlice(
          {
            hu: ref.rawHu,
            height,
            width,
            rowSpacingMm: spacing[0],
            colSpacingMm: spacing[1],
          },
          manifest,
        );
        expect(input.length, ref.name).toBe(ref.input.length);
        let maxDiff = 0;
        for (let i = 0; i < input.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(input[i] - ref.input[i]));
        }
        expect(maxDiff, ref.name).toBeLessThanOrEqual(1e-5);
      }
    });

    it('maps the network output back to the same labels (≥ 99.9 %)', () => {
      for (const ref of refs) {
        const labels = probabilitiesToLabels(
          {
            probs: ref.probs,
            sizePx: manifest.input.sizePx,
            spacingMm: manifest.input.spacingMm,
            labelCount: manifest.labels.length,
          },
          {
            height: ref.height,
            width: ref.width,
            rowSpacingMm: ref.spacing[0],
            colSpacingMm: ref.spacing[1],
          },
        );
        let same = 0;
        for (let i = 0; i < labels.length; i++) if (labels[i] === ref.labels[i]) same++;
        expect(same / labels.length, ref.name).toBeGreaterThanOrEqual(0.999);
      }
    });
  },
);
