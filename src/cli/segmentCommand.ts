/**
 * `npm run cli -- segment <DICOM folder | file.nii | file.nii.gz> --out <mask.nii.gz>
 *   [--json <metrics.json>] [--backend wasm|cpu] [--model <folder>] [--batch <n>]`
 *
 * Checks first that --out and --json can be written (a missing folder is
 * created and said on stderr), then loads the study the way the browser does
 * (the default series of a folder), segments it slice by slice on tfjs (WASM
 * by default), writes labels 0/1/2 on the input's own grid as NIfTI and, with
 * --json, the measurements (volumes, largest axial tumour slice, diameters),
 * how the run went and what the user must know about the input (skipped
 * files, series warnings; also on stderr). Progress goes to stderr; Ctrl-C
 * cancels cleanly.
 */
import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSeries } from '../core/dicom/openSeries';
import { loadStudyFromPath } from '../core/dicom/node/readFolder';
import { initBackend } from '../core/inference/initBackend';
import { loadSegmentationModelFromDir } from '../core/inference/loadSegmentationModelFromDir';
import { measureLabels } from '../core/measurements/measureLabels';
import { writeNifti } from '../core/nifti/writeNifti';
import { computeAxialLayout } from '../core/segmentation/axialLayout';
import {
  segmentVolume,
  type SegmentationProgress,
} from '../core/segmentation/segmentVolume';
import type { LabelVolume } from '../core/volume/Volume';
import { CliError } from './CliError';
import { prepareOutputFile } from './prepareOutputFile';
import { printSegmentWarnings, segmentWarnings } from './segmentWarnings';

const DEFAULT_MODEL_DIR = fileURLToPath(
  new URL('../../models/segmentation/', import.meta.url),
);

const USAGE =
  'usage: npm run cli -- segment <DICOM folder | file.nii | file.nii.gz> --out <mask.nii.gz> ' +
  '[--json <metrics.json>] [--backend wasm|cpu] [--model <folder>] [--batch <n>]';

export interface SegmentArgs {
  input: string;
  out: string;
  json?: string;
  backend: 'wasm' | 'cpu';
  /** Whether --backend was given (otherwise `backend` is the default). */
  backendGiven: boolean;
  modelDir: string;
  batchSize: number;
}

/** Parses the arguments after `segment`; throws CliError (exit 2) on misuse. */
export function parseSegmentArgs(args: string[]): SegmentArgs {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    if (!['out', 'json', 'backend', 'model', 'batch'].includes(name)) {
      throw new CliError(`unknown option ${a}\n${USAGE}`, 2);
    }
    if (name in options)
      throw new CliError(`option ${a} given more than once\n${USAGE}`, 2);
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new CliError(`option ${a} needs a value\n${USAGE}`, 2);
    }
    options[name] = value;
  }

  if (positional.length !== 1) {
    throw new CliError(
      `give exactly one input (DICOM folder or NIfTI file)\n${USAGE}`,
      2,
    );
  }
  if (!options.out) throw new CliError(`--out <mask.nii.gz> is required\n${USAGE}`, 2);
  if (!/\.nii\.gz$/i.test(options.out)) {
    throw new CliError(`--out must name a .nii.gz file, got "${options.out}"`, 2);
  }
  const backend = options.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new CliError(`--backend must be wasm or cpu, got "${backend}"`, 2);
  }
  const batchSize = Number(options.batch ?? 4);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 64) {
    throw new CliError(
      `--batch must be a whole number from 1 to 64, got "${options.batch}"`,
      2,
    );
  }
  return {
    input: positional[0],
    out: options.out,
    json: options.json,
    backend,
    backendGiven: options.backend !== undefined,
    modelDir: options.model ?? DEFAULT_MODEL_DIR,
    batchSize,
  };
}

async function loadVolume(input: string) {
  try {
    await stat(input);
  } catch {
    throw new CliError(`input not found: ${input}`);
  }
  const study = await loadStudyFromPath(input);
  if (study.defaultIndex < 0) {
    const why = study.messages.map((m) => m.text).join(' ');
    throw new CliError(`no image volume in ${input}${why ? `: ${why}` : ''}`);
  }
  const series = study.series[study.defaultIndex];
  if (study.series.length > 1) {
    process.stderr.write(
      `segment: ${study.series.length} series found; using "${series.summary.description}" ` +
        `(${series.summary.sliceCount} slices)\n`,
    );
  }
  let opened;
  try {
    opened = await openSeries(series);
  } catch (err) {
    throw new CliError(`cannot build a volume from ${input}: ${(err as Error).message}`);
  }
  printSegmentWarnings(study, opened.warnings);
  return {
    volume: opened.volume,
    series: series.summary,
    warnings: segmentWarnings(study, opened.warnings),
  };
}

function progressPrinter(): (p: SegmentationProgress) => void {
  let lastTenth = -1;
  return (p) => {
    const tenth = Math.floor((10 * p.done) / p.total);
    if (tenth === lastTenth && p.done < p.total) return;
    lastTenth = tenth;
    process.stderr.write(
      `segment: ${p.done}/${p.total} slices, ${p.slicesPerSec.toFixed(2)} slices/s, ` +
        `about ${Math.ceil(p.etaSec)} s left\n`,
    );
  };
}

function labelCounts(labels: LabelVolume): Record<string, number> {
  const counts = [0, 0, 0];
  for (const l of labels.labels) counts[l]++;
  return { background: counts[0], kidney: counts[1], tumour: counts[2] };
}

async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/**
 * Runs `segment`.
 *
 * @returns the exit status (0)
 * @throws CliError for bad input, a missing model or a cancelled run
 */
export async function runSegment(args: string[]): Promise<number> {
  const options = parseSegmentArgs(args);
  await prepareOutputFile(options.out, '--out', 'segment');
  if (options.json) await prepareOutputFile(options.json, '--json', 'segment');
  const { volume, series, warnings } = await loadVolume(options.input);

  if (!existsSync(resolve(options.modelDir, 'manifest.json'))) {
    throw new CliError(
      `no segmentation model in ${options.modelDir} (manifest.json missing); ` +
        'train one with training/seg or pass --model <folder>',
    );
  }
  const chosen = await initBackend({ requested: options.backend });
  // The CLI always names its backend; only the reason tells whether the user did.
  const backend =
    chosen.name === options.backend && !options.backendGiven
      ? { ...chosen, reason: 'the command line default (--backend wasm|cpu to change)' }
      : chosen;
  let model;
  try {
    model = await loadSegmentationModelFromDir(options.modelDir);
  } catch (err) {
    throw new CliError(`cannot load the segmentation model: ${(err as Error).message}`);
  }

  const controller = new AbortController();
  const onSigint = () => controller.abort(new CliError('cancelled', 130));
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let labels: LabelVolume;
  try {
    labels = await segmentVolume({
      volume,
      manifest: model.manifest,
      model: model.sliceModel,
      batchSize: options.batchSize,
      signal: controller.signal,
      onProgress: progressPrinter(),
    });
  } finally {
    process.off('SIGINT', onSigint);
    model.dispose();
  }
  const durationSec = (performance.now() - started) / 1000;
  const sliceCount = computeAxialLayout(labels).sliceCount;
  const measurements = measureLabels(labels);

  await writeOutput(options.out, writeNifti(labels));
  process.stderr.write(`segment: wrote ${options.out}\n`);

  if (options.json) {
    const report = {
      input: options.input,
      series: {
        description: series.description,
        source: series.source,
        modality: series.modality,
      },
      grid: {
        dims: labels.dims,
        spacingMm: labels.spacingMm,
        originMm: labels.originMm,
        direction: labels.direction,
      },
      model: { name: model.manifest.name, version: model.manifest.version },
      backend,
      durationSec,
      slices: sliceCount,
      slicesPerSec: sliceCount / durationSec,
      voxelCounts: labelCounts(labels),
      measurements,
      warnings,
    };
    await writeOutput(options.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`segment: wrote ${options.json}\n`);
  }
  return 0;
}
