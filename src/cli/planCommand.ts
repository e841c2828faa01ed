/**
 * `npm run cli -- plan --mask <mask.nii.gz> --age <years> --bmi <kg/m2> --size <cm>`
 * `npm run cli -- plan --batch <cases.json>`
 *   options: [--model <folder>] [--backend wasm|cpu]
 *
 * Runs the planning model (src/core/planning) on a kidney/tumour mask (labels
 * 0 background, 1 kidney, 2 tumour, 3 cyst counted as kidney; any NIfTI
 * orientation) and the clinical values, and prints the result as JSON. With
 * --batch, cases.json is a list of `{ id, mask, age, bmi, size }` (mask paths
 * relative to that file) and each case prints as one JSON line; a case that
 * fails (no id, a bad value, an unreadable mask) prints `{ id, error }` (a
 * case without an id is named by its place, `#3`), the other cases still run,
 * and the exit status is 1. A file that is not such a list stops the batch
 * before it runs (exit 2). Numbers may be written with a decimal comma
 * ("27,5"), as in the app's form.
 *
 * Exit status: 2 when the command line (or the batch file that stands for it)
 * is wrong; 1 when a file it names cannot be used (a missing or bad mask).
 *
 * What needs the user's review is printed to stderr and listed in the JSON's
 * `warnings`: clinical values outside the training data, and a mask with more
 * than one tumour region (the caution the app shows for the same mask; the
 * plan reads only the largest region).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../core/inference/initBackend';
import { measureLabels } from '../core/measurements/measureLabels';
import { tumourRegionCaution } from '../core/measurements/tumourRegionCaution';
import { readNifti } from '../core/nifti/readNifti';
import {
  checkClinicalInputs,
  type ClinicalField,
  type ClinicalInputs,
  parseDecimal,
} from '../core/planning/clinicalInputs';
import { loadPlanningModelFromDir } from '../core/planning/loadPlanningModelFromDir';
import { planCase, type PlanResult } from '../core/planning/planCase';
import type { PlanningModel } from '../core/planning/PlanningModel';
import { toLabelVolume } from '../core/planning/toLabelVolume';
import { CliError } from './CliError';

const DEFAULT_MODEL_DIR = fileURLToPath(
  new URL('../../models/planning/', import.meta.url),
);

const USAGE =
  'usage: npm run cli -- plan --mask <mask.nii.gz> --age <years> --bmi <kg/m2> --size <cm>\n' +
  '       npm run cli -- plan --batch <cases.json>\n' +
  '       options: [--model <folder>] [--backend wasm|cpu]';

const OPTIONS = ['mask', 'age', 'bmi', 'size', 'batch', 'model', 'backend'];

export interface PlanArgs {
  single?: { mask: string; clinical: ClinicalInputs };
  batch?: string;
  modelDir: string;
  backend: 'wasm' | 'cpu';
}

/**
 * A number as typed, read as the planning form reads it (a decimal comma is
 * accepted); NaN when it is not one (checkClinicalInputs words the message).
 */
function toNumber(text: string | number | undefined): number {
  if (typeof text === 'number') return text;
  return text === undefined ? NaN : parseDecimal(text);
}

function clinicalOrThrow(clinical: ClinicalInputs, where = ''): ClinicalInputs {
  const { errors } = checkClinicalInputs(clinical);
  if (errors.length) {
    throw new CliError(`${where}${errors.map((e) => e.message).join(' ')}`, 2);
  }
  return clinical;
}

/** Parses the arguments after `plan`; throws CliError (exit 2) on misuse. */
export function parsePlanArgs(args: string[]): PlanArgs {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.startsWith('--') ? a.slice(2) : '';
    if (!OPTIONS.includes(name)) throw new CliError(`unknown argument ${a}\n${USAGE}`, 2);
    if (name in options)
      throw new CliError(`option ${a} given more than once\n${USAGE}`, 2);
    const value = args[++i];
    if (value === undefined || (value.startsWith('--') && !/^--?\d/.test(value))) {
      throw new CliError(`option ${a} needs a value\n${USAGE}`, 2);
    }
    options[name] = value;
  }
  const backend = options.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new CliError(`--backend must be wasm or cpu, got "${backend}"`, 2);
  }
  const modelDir = resolve(options.model ?? DEFAULT_MODEL_DIR);

  if (options.batch !== undefined) {
    const extra = ['mask', 'age', 'bmi', 'size'].filter((o) => o in options);
    if (extra.length) {
      throw new CliError(`--batch cannot be combined with --${extra.join(', --')}`, 2);
    }
    return { batch: options.batch, modelDir, backend };
  }
  const missing = ['mask', 'age', 'bmi', 'size'].filter((o) => !(o in options));
  if (missing.length) {
    throw new CliError(`missing --${missing.join(', --')}\n${USAGE}`, 2);
  }
  const clinical = clinicalOrThrow({
    ageYears: toNumber(options.age),
    bmi: toNumber(options.bmi),
    sizeCm: toNumber(options.size),
  });
  return { single: { mask: options.mask, clinical }, modelDir, backend };
}

/** Something to review before trusting a plan: a clinical value's or the mask's. */
export interface PlanWarning {
  field: ClinicalField | 'mask';
  message: string;
}

/** A plan as printed: the core's result with the mask's warnings added. */
export type CasePlan = Omit<PlanResult, 'warnings'> & { warnings: PlanWarning[] };

type BatchCase =
  | { id: string; mask: string; clinical: ClinicalInputs; error?: undefined }
  /** A case that cannot run: reported in its own line. */
  | { id: string; mask: string | null; clinical?: undefined; error: string };

/**
 * Reads and checks cases.json; mask paths are resolved against its folder.
 * A case without an id is named by its place in the list, counted from 1
 * (`#3`), and reported like any other case that cannot run.
 *
 * @throws CliError (exit 2) when the file cannot be read or holds no list
 */
export async function readBatch(path: string): Promise<BatchCase[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`, 2);
  }
  if (!Array.isArray(json)) {
    throw new CliError(`${path} must hold a JSON list of {id, mask, age, bmi, size}`, 2);
  }
  return json.map((item: unknown, i): BatchCase => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    const mask =
      typeof entry.mask === 'string' ? resolve(dirname(path), entry.mask) : null;
    const id = entry.id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      const what =
        entry === item ? 'has no id' : 'is not an object {id, mask, age, bmi, size}';
      return { id: `#${i + 1}`, mask, error: `case #${i + 1} in ${path} ${what}` };
    }
    if (mask === null) {
      return { id: String(id), mask, error: `case "${id}" has no mask path` };
    }
    const num = (v: unknown) =>
      typeof v === 'number' || typeof v === 'string' ? toNumber(v) : NaN;
    try {
      const clinical = clinicalOrThrow(
        { ageYears: num(entry.age), bmi: num(entry.bmi), sizeCm: num(entry.size) },
        `case "${id}": `,
      );
      return { id: String(id), mask, clinical };
    } catch (err) {
      return { id: String(id), mask, error: (err as Error).message };
    }
  });
}

async function planMask(
  model: PlanningModel,
  mask: string,
  clinical: ClinicalInputs,
): Promise<CasePlan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(mask);
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (err as Error).message;
    throw new CliError(`cannot read the mask ${mask}: ${why}`);
  }
  try {
    const labels = toLabelVolume(readNifti(bytes));
    const result = planCase(model, labels, clinical);
    const caution = tumourRegionCaution(measureLabels(labels));
    const maskWarnings: PlanWarning[] = caution
      ? [{ field: 'mask', message: caution }]
      : [];
    return { ...result, warnings: [...result.warnings, ...maskWarnings] };
  } catch (err) {
    throw new CliError(`${mask}: ${(err as Error).message}`);
  }
}

/** Prints a plan's warnings to stderr, each with the case it belongs to. */
function printWarnings(plan: CasePlan, caseId?: string): void {
  const where = caseId === undefined ? '' : ` case "${caseId}":`;
  for (const w of plan.warnings)
    process.stderr.write(`plan:${where} warning: ${w.message}\n`);
}

/** Entry point of `plan`: returns the exit status. */
export async function runPlan(args: string[]): Promise<number> {
  const options = parsePlanArgs(args);
  const cases = options.batch ? await readBatch(options.batch) : null;
  await initBackend({ requested: options.backend });
  const model = await loadPlanningModelFromDir(options.modelDir);
  try {
    if (!cases) {
      const { mask, clinical } = options.single!;
      const result = await planMask(model, mask, clinical);
      printWarnings(result);
      console.log(JSON.stringify({ mask, ...result }, null, 2));
      return 0;
    }
    let failed = 0;
    for (const c of cases) {
      if (c.error !== undefined) {
        failed++;
        console.log(JSON.stringify({ id: c.id, mask: c.mask, error: c.error }));
        continue;
      }
      try {
        const result = await planMask(model, c.mask, c.clinical);
        printWarnings(result, c.id);
        console.log(JSON.stringify({ id: c.id, mask: c.mask, ...result }));
      } catch (err) {
        failed++;
        console.log(
          JSON.stringify({ id: c.id, mask: c.mask, error: (err as Error).message }),
        );
      }
    }
    return failed ? 1 : 0;
  } finally {
    model.dispose();
  }
}
