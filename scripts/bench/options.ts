/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';
import type { BackendId, ModelVariant, ReadbackMode } from '../../src/bench/types';

export const BROWSER_BACKENDS: BackendId[] = [
  'tfjs-webgpu',
  'tfjs-webgl',
  'tfjs-wasm',
  'ort-webgpu',
  'ort-wasm',
];
export const NODE_BACKENDS: BackendId[] = ['node-tfjs-wasm', 'node-ort-cpu'];

export interface BenchOptions {
  modelDir: string;
  studyDir: string;
  targets: ('browser' | 'node')[];
  backends: BackendId[];
  slices: number;
  warmupRuns: number;
  repetitions: number;
  batches: number[];
  variants: ModelVariant[];
  /** Time each tfjs backend and its peer interleaved in one page / process. */
  interleave: boolean;
  readback: ReadbackMode;
  /** Which backends time the whole study: 'cpu', 'all' or 'none'. */
  study: 'cpu' | 'all' | 'none';
  /** GPU backends on a software (fallback) adapter: skip or run. */
  fallbackGpu: 'skip' | 'run';
  chromium: string;
  /** Extra Chromium flags, e.g. for a hardware WebGPU adapter. */
  chromiumFlags: string[];
  /** Fail when the WebGPU adapter is a software fallback (set by --gpu). */
  requireHardwareGpu: boolean;
  /** Skip `vite build` (reuse dist/). */
  noBuild: boolean;
  outDir: string;
  /** Per-backend time limit in the browser, s. */
  backendTimeoutS: number;
  machine: string;
}

const USAGE = `usage: npm run bench -- [options]
  --model-dir DIR        network folder with manifest.json (default models/segmentation)
  --study-dir DIR        DICOM series (default $SHARED_DATA/ct/ircadb-01/PATIENT_DICOM)
  --targets LIST         browser,node (default both)
  --backends LIST        subset of ${[...BROWSER_BACKENDS, ...NODE_BACKENDS].join(',')}
  --slices N             benchmark slices per repetition (default 8)
  --warmup N             untimed batches first (default 2)
  --reps N               timed passes over the slices (default 3)
  --batch LIST           batch sizes, e.g. 1,2,4,8 (default 1)
  --variants LIST        tfjs model variants: baseline,fused (default both;
                         fused is what the app runs)
  --no-interleave        one page per backend, timed alone (default: interleaved with the peer)
  --readback MODE        probabilities (default) or labels
  --study WHICH          whole-study timing on cpu (default), all or none backends
  --fallback-gpu MODE    skip (default) or run GPU backends on a software adapter
  --gpu                  hardware-GPU Chromium flags; fails unless a hardware adapter is found
  --chromium PATH        browser binary (default $CHROMIUM_PATH or /usr/bin/chromium)
  --chromium-flag FLAG   extra Chromium flag (repeatable)
  --no-build             reuse the last build (OUT/dist) instead of running vite build
  --out DIR              where the JSON and the build go (default bench-results)
  --backend-timeout S    browser time limit per backend (default 600)
  --machine TEXT         machine name written into the results`;

/**
 * Flags for a hardware WebGPU adapter in headless Chromium on Linux (Vulkan
 * through ANGLE; no window surface). Not verified here: no GPU machine yet.
 */
export const HARDWARE_GPU_FLAGS = [
  '--use-angle=vulkan',
  '--enable-features=Vulkan',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
];

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function positiveInt(text: string, name: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a whole number`);
  return v;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'model-dir': { type: 'string', default: 'models/segmentation' },
      'study-dir': { type: 'string' },
      targets: { type: 'string', default: 'browser,node' },
      backends: { type: 'string' },
      slices: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      reps: { type: 'string', default: '3' },
      batch: { type: 'string', default: '1' },
      variants: { type: 'string', default: 'baseline,fused' },
      'no-interleave': { type: 'boolean', default: false },
      readback: { type: 'string', default: 'probabilities' },
      study: { type: 'string', default: 'cpu' },
      'fallback-gpu': { type: 'string', default: 'skip' },
      gpu: { type: 'boolean', default: false },
      chromium: { type: 'string' },
      'chromium-flag': { type: 'string', multiple: true, default: [] },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results' },
      'backend-timeout': { type: 'string', default: '600' },
      machine: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }

  const targets = list(values.targets!) as BenchOptions['targets'];
  const all = [...BROWSER_BACKENDS, ...NODE_BACKENDS];
  const backends = (values.backends ? list(values.backends) : all) as BackendId[];
  for (const b of backends) {
    if (!all.includes(b)) throw new Error(`unknown backend "${b}"\n${USAGE}`);
  }
  const readback = values.readback as ReadbackMode;
  if (readback !== 'probabilities' && readback !== 'labels') {
    throw new Error(`--readback must be probabilities or labels`);
  }
  const study = values.study as BenchOptions['study'];
  if (!['cpu', 'all', 'none'].includes(study))
    throw new Error('--study: cpu, all or none');
  const fallbackGpu = values['fallback-gpu'] as BenchOptions['fallbackGpu'];
  if (!['skip', 'run'].includes(fallbackGpu))
    throw new Error('--fallback-gpu: skip or run');
  const variants = list(values.variants!) as ModelVariant[];
  for (const v of variants) {
    if (v !== 'baseline' && v !== 'fused') throw new Error(`unknown variant "${v}"`);
  }
  const batches = list(values.batch!).map((b) => positiveInt(b, 'batch'));
  if (batches.some((b) => b < 1)) throw new Error('--batch sizes must be at least 1');

  return {
    modelDir: values['model-dir']!,
    studyDir:
      values['study-dir'] ??
      `${process.env.SHARED_DATA ?? '../shared/data'}/ct/ircadb-01/PATIENT_DICOM`,
    targets,
    backends,
    slices: Math.max(1, positiveInt(values.slices!, 'slices')),
    warmupRuns: positiveInt(values.warmup!, 'warmup'),
    repetitions: Math.max(1, positiveInt(values.reps!, 'reps')),
    batches,
    variants,
    interleave: !values['no-interleave'],
    readback,
    study,
    fallbackGpu,
    chromium: values.chromium ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromiumFlags: [
      ...(values.gpu ? HARDWARE_GPU_FLAGS : []),
      ...values['chromium-flag']!,
    ],
    requireHardwareGpu: values.gpu!,
    noBuild: values['no-build']!,
    outDir: values.out!,
    backendTimeoutS: positiveInt(values['backend-timeout']!, 'backend-timeout'),
    machine: values.machine!,
  };
}
