import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../core/inference/initBackend';
import { readNifti } from '../core/nifti/readNifti';
import { writeNifti } from '../core/nifti/writeNifti';
import { loadPlanningModelFromDir } from '../core/planning/loadPlanningModelFromDir';
import { planCase } from '../core/planning/planCase';
import {
  REPO_ROOT,
  haveMasks,
  maskPath,
  readMask,
} from '../core/planning/testing/pythonReference';
import { CliError } from './CliError';
import { parsePlanArgs, runPlan } from './planCommand';

const haveModel = existsSync(join(REPO_ROOT, 'models', 'planning', 'manifest.json'));

describe('plan arguments', () => {
  const ok = ['--mask', 'm.nii.gz', '--age', '60', '--bmi', '27.5', '--size', '4'];

  it('parses one case', () => {
    const a = parsePlanArgs(ok);
    expect(a.single).toEqual({
      mask: 'm.nii.gz',
      clinical: { ageYears: 60, bmi: 27.5, sizeCm: 4 },
    });
    expect(a.backend).toBe('wasm');
  });

  it('reads a decimal comma as the planning form does', () => {
    const a = parsePlanArgs([...ok.slice(0, 4), '--bmi', '27,5', '--size', '4,2']);
    expect(a.single?.clinical).toEqual({ ageYears: 60, bmi: 27.5, sizeCm: 4.2 });
  });

  it.each([
    [['--mask', 'm.nii.gz', '--age', '60'], 'missing --bmi, --size'],
    [
      [...ok.slice(0, 2), '--age', 'sixty', ...ok.slice(4)],
      'Age must be a number (years).',
    ],
    [
      [...ok.slice(0, 6), '--size', '0'],
      'Radiological size must be between 0.1 and 40 cm.',
    ],
    [[...ok, '--colour', 'red'], 'unknown argument --colour'],
    [[...ok, '--batch', 'c.json'], '--batch cannot be combined with --mask'],
    [[...ok, '--backend', 'gpu'], '--backend must be wasm or cpu'],
    [['--mask'], 'option --mask needs a value'],
    [[...ok, '--size', '9'], 'option --size given more than once'],
    [[...ok.slice(0, 4), '--bmi', '0x1A', ...ok.slice(6)], 'BMI must be a number'],
    [[...ok.slice(0, 4), '--bmi', '1e2', ...ok.slice(6)], 'BMI must be a number'],
  ])('rejects %j', (args, message) => {
    let err: unknown;
    try {
      parsePlanArgs(args);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toContain(message);
    expect((err as CliError).exitCode).toBe(2);
  });
});

describe.skipIf(!haveMasks || !haveModel)('plan command on real masks', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'plan-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  function capture(): string[] {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    return lines;
  }

  /** What the command writes to stderr, as one string. */
  function captureStderr(): () => string {
    const chunks: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      chunks.push(String(chunk));
      return true;
    });
    return () => chunks.join('');
  }

  const REGIONS_CAUTION =
    'separate tumour regions were found: remove those that are not tumour.';
  const clinical = ['--age', '49', '--bmi', '29.47', '--size', '2.4'];

  it('prints the same result as the core API', async () => {
    const lines = capture();
    const code = await runPlan([
      '--mask',
      maskPath('case_00000'),
      '--age',
      '49',
      '--bmi',
      '29.47',
      '--size',
      '2.4',
    ]);
    expect(code).toBe(0);
    const printed = JSON.parse(lines.join('\n'));

    await initBackend({ requested: 'wasm' });
    const model = await loadPlanningModelFromDir(join(REPO_ROOT, 'models', 'planning'));
    const direct = planCase(model, readMask(maskPath('case_00000')), {
      ageYears: 49,
      bmi: 29.47,
      sizeCm: 2.4,
    });
    expect(printed.procedure.probabilityRadical).toBe(
      direct.procedure.probabilityRadical,
    );
    expect(printed.approach.recommendation).toBe(direct.approach.recommendation);
    expect(printed.operativeTime.predictedMin).toBe(direct.operativeTime.predictedMin);
    expect(printed.disclaimer).toContain('not a medical device');
    expect(printed.procedure.performance.model.accuracy.value).toBeGreaterThan(0.5);
  });

  it('warns, on stderr and in warnings, when the mask has a second tumour region', async () => {
    // case_00000 has one tumour region; a 3-voxel cube of tumour in a corner
    // of the volume, far from it, makes a second.
    const original = readFileSync(maskPath('case_00000'));
    const volume = readNifti(original);
    const labels = Uint8Array.from(volume.voxels);
    const [nx, ny] = volume.dims;
    for (let k = 1; k < 4; k++)
      for (let j = 1; j < 4; j++)
        for (let i = 1; i < 4; i++) labels[i + nx * (j + ny * k)] = 2;
    const twoRegions = join(tmp, 'two-regions.nii.gz');
    writeFileSync(twoRegions, writeNifti({ ...volume, labels }));

    const lines = capture();
    const stderr = captureStderr();
    expect(await runPlan(['--mask', maskPath('case_00000'), ...clinical])).toBe(0);
    const clean = JSON.parse(lines.join('\n'));
    expect(clean.warnings).toEqual([]);
    expect(stderr()).not.toContain(REGIONS_CAUTION);

    lines.length = 0;
    expect(await runPlan(['--mask', twoRegions, ...clinical])).toBe(0);
    const printed = JSON.parse(lines.join('\n'));
    expect(printed.warnings).toEqual([
      { field: 'mask', message: `2 ${REGIONS_CAUTION}` },
    ]);
    expect(stderr()).toContain(`plan: warning: 2 ${REGIONS_CAUTION}\n`);
    // The plan itself reads only the largest region: unchanged.
    expect(printed.procedure.probabilityRadical).toBe(clean.procedure.probabilityRadical);
    expect(printed.operativeTime.predictedMin).toBe(clean.operativeTime.predictedMin);
  });

  it('prints one line per batch case and reports a failing case', async () => {
    const cases = join(tmp, 'cases.json');
    writeFileSync(
      cases,
      JSON.stringify([
        { id: 'a', mask: maskPath('case_00001'), age: 50, bmi: 33.7, size: 2.2 },
        { id: 'b', mask: 'missing.nii.gz', age: 50, bmi: 30, size: 3 },
        { id: 'c', mask: maskPath('case_00002'), age: '74', bmi: 24, size: 7.5 },
      ]),
    );
    const lines = capture();
    const stderr = captureStderr();
    expect(await runPlan(['--batch', cases])).toBe(1);
    const out = lines.map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[1].error).toContain('cannot read the mask');
    // case_00001's reference mask has two tumour regions; case_00002's one.
    expect(out[0].warnings).toContainEqual({
      field: 'mask',
      message: `2 ${REGIONS_CAUTION}`,
    });
    expect(stderr()).toContain(`plan: case "a": warning: 2 ${REGIONS_CAUTION}\n`);
    expect(out[2].warnings).not.toContainEqual(
      expect.objectContaining({ field: 'mask' }),
    );
    expect(out[2].clinical).toEqual({ ageYears: 74, bmi: 24, sizeCm: 7.5 });
    expect(out[0].procedure.probabilityRadical).not.toBe(
      out[2].procedure.probabilityRadical,
    );
  });

  it('reports a batch case with a bad value in its line and runs the others', async () => {
    const cases = join(tmp, 'bad.json');
    writeFileSync(
      cases,
      JSON.stringify([
        { id: 'x', mask: 'm.nii.gz', age: 50, bmi: 'n/a', size: 3 },
        { id: 'y', age: 50, bmi: 30, size: 3 },
        { id: 'z', mask: maskPath('case_00001'), age: 50, bmi: 33.7, size: 2.2 },
      ]),
    );
    const lines = capture();
    expect(await runPlan(['--batch', cases])).toBe(1);
    const out = lines.map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['x', 'y', 'z']);
    expect(out[0].error).toBe('case "x": BMI must be a number (kg/m²).');
    expect(out[1].error).toBe('case "y" has no mask path');
    expect(out[2].procedure.probabilityRadical).toBeGreaterThan(0);
  });

  it('reports a batch case without an id by its place and runs the others; a non-list stops', async () => {
    const cases = join(tmp, 'noid.json');
    writeFileSync(
      cases,
      JSON.stringify([
        { id: 'a', mask: maskPath('case_00001'), age: 50, bmi: '33,7', size: 2.2 },
        { mask: maskPath('case_00002'), age: 50, bmi: 30, size: 3 },
        null,
        { id: 'd', mask: maskPath('case_00002'), age: 74, bmi: 24, size: 7.5 },
      ]),
    );
    const lines = capture();
    captureStderr();
    expect(await runPlan(['--batch', cases])).toBe(1);
    const out = lines.map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', '#2', '#3', 'd']);
    expect(out[0].clinical.bmi).toBe(33.7);
    expect(out[1].error).toBe(`case #2 in ${cases} has no id`);
    expect(out[1].procedure).toBeUndefined();
    expect(out[2].error).toContain('case #3 in');
    expect(out[2].error).toContain('is not an object');
    expect(out[3].procedure.probabilityRadical).toBeGreaterThan(0);

    // Only a file that is not a list stops the batch, as a usage error.
    const notList = join(tmp, 'object.json');
    writeFileSync(notList, JSON.stringify({ id: 'a', mask: 'm.nii.gz' }));
    await expect(runPlan(['--batch', notList])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('must hold a JSON list'),
    });
  });

  it('exits 1 for a mask that is missing or is not a mask, as for any unusable file', async () => {
    const junk = join(tmp, 'junk.nii.gz');
    writeFileSync(junk, 'not a mask');
    await expect(
      runPlan(['--mask', join(tmp, 'missing.nii.gz'), ...clinical]),
    ).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('missing.nii.gz: no such file'),
    });
    await expect(runPlan(['--mask', junk, ...clinical])).rejects.toMatchObject({
      exitCode: 1,
    });
  });
});
