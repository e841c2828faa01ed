/**
 * Parity of the shipped network: the exported tfjs LayersModel
 * (models/segmentation/model.json, run here on the WASM backend in Node) and
 * the PyTorch weights it was exported from (model.pt, run by
 * training/seg/dump_reference.py) give the same probabilities on the same
 * real slices: max abs difference ≤ 1e-4, argmax equal on ≥ 99.9 % of pixels.
 * Both ways of running the tfjs file are checked: the LayersModel itself and
 * the fused plan the app runs (compileLayersModel.ts).
 *
 * Skipped, saying why, when /usr/bin/python3 cannot import torch or the model
 * files are missing. SEG_MODEL_DIR points the test at another model folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLayersModel } from '../inference/compileLayersModel';
import { fileSystemIOHandler } from '../inference/loadSegmentationModelFromDir';

const root = resolve(__dirname, '../../..');
const modelDir = process.env.SEG_MODEL_DIR ?? join(root, 'models/segmentation');
const script = join(root, 'training/seg/dump_reference.py');
const python = '/usr/bin/python3';

function skipReason(): string | null {
  if (!existsSync(python)) return `${python} does not exist`;
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${python} cannot import torch`;
  for (const f of ['model.json', 'model.pt', 'manifest.json']) {
    if (!existsSync(join(modelDir, f))) return `${join(modelDir, f)} is missing`;
  }
  return null;
}

const reason = skipReason();
if (reason) console.warn(`modelParity: skipped, ${reason}`);

function f32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

interface Comparison {
  name: string;
  maxDiff: number;
  argmaxAgreement: number;
  labelsSeen: number;
}

function compare(got: Float32Array, expected: Float32Array, size: number) {
  const classes = got.length / (size * size);
  let maxDiff = 0;
  let same = 0;
  const seen = new Set<number>();
  for (let p = 0; p < size * size; p++) {
    let a = 0;
    let b = 0;
    for (let c = 0; c < classes; c++) {
      const i = p * classes + c;
      maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
      if (got[i] > got[p * classes + a]) a = c;
      if (expected[i] > expected[p * classes + b]) b = c;
    }
    if (a === b) same++;
    seen.add(b);
  }
  return { maxDiff, argmaxAgreement: same / (size * size), labelsSeen: seen.size };
}

describe.skipIf(reason !== null)('exported network vs PyTorch on real slices', () => {
  let dir = '';
  const results: Comparison[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nephroplan-model-parity-'));
    execFileSync(
      python,
      [script, '--out', dir, '--slices', '4', '--ckpt', join(modelDir, 'model.pt')],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
    );
    await tf.setBackend('wasm');
    await tf.ready();
    const model = await tf.loadLayersModel(
      fileSystemIOHandler(join(modelDir, 'model.json')),
    );
    const compiled = compileLayersModel(tf, model);
    if (!compiled) throw new Error('the shipped network does not compile to fused ops');
    const size = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'))
      .input.sizePx as number;

    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const name = f.slice(0, -'.json'.length);
      const input = f32(join(dir, `${name}.input.f32`));
      const expected = f32(join(dir, `${name}.probs.f32`));
      const x = tf.tensor4d(input, [1, size, size, 1]);
      for (const [how, net] of [['LayersModel', model], ['fused', compiled]] as const) {
        const y = net.predict(x) as tf.Tensor;
        const got = (await y.data()) as Float32Array;
        y.dispose();
        results.push({ name: `${name} (${how})`, ...compare(got, expected, size) });
      }
      x.dispose();
    }
    compiled.dispose(); // disposes the LayersModel too
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('compares at least four real slices, with kidney in the output', () => {
    expect(results.length).toBeGreaterThanOrEqual(8);
    expect(results.some((r) => r.labelsSeen >= 2)).toBe(true);
  });

  it('gives probabilities within 1e-4 of PyTorch', () => {
    for (const r of results) expect(r.maxDiff, r.name).toBeLessThanOrEqual(1e-4);
  });

  it('gives the same argmax on at least 99.9 % of pixels', () => {
    for (const r of results) {
      expect(r.argmaxAgreement, r.name).toBeGreaterThanOrEqual(0.999);
    }
  });
});
