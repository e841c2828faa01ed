/**
 * Shapes shared by the benchmark page (src/bench/page), the Node benchmark
 * (scripts/bench/nodeBench.ts) and the report printer (scripts/bench/report.ts).
 */

/** Where a backend computes: compared only with the peer of the same kind. */
export type DeviceKind = 'gpu' | 'cpu';

/**
 * How the tfjs model is run: `baseline`, the LayersModel as exported, layer by
 * layer; `fused`, the plan of
 * fused ops the app runs (src/core/inference/compileLayersModel.ts).
 * onnxruntime always runs the ONNX file as shipped (it fuses layers itself).
 */
export type ModelVariant = 'baseline' | 'fused';

/** The variant the app itself runs: the one whose whole-study time is measured. */
export function appVariant(backend: BackendId): ModelVariant {
  return backend.startsWith('tfjs-') || backend.startsWith('node-tfjs-')
    ? 'fused'
    : 'baseline';
}

/** A backend and variant as the report names them: `tfjs-wasm+fused`. */
export function variantLabel(backend: BackendId, variant: ModelVariant): string {
  return variant === 'baseline' ? backend : `${backend}+${variant}`;
}

/** What a timed run reads back to the CPU. */
export type ReadbackMode = 'probabilities' | 'labels';

/** One backend of one runtime, e.g. `tfjs-webgpu` or `ort-wasm`. */
export type BackendId =
  | 'tfjs-webgpu'
  | 'tfjs-webgl'
  | 'tfjs-wasm'
  | 'ort-webgpu'
  | 'ort-wasm'
  | 'node-tfjs-wasm'
  | 'node-ort-cpu';

/** Tensor and heap memory after one repetition over the slice set. */
export interface MemorySample {
  /** Live tfjs tensors; undefined for onnxruntime (it exposes no count). */
  numTensors?: number;
  /** Bytes held by live tfjs tensors (CPU and GPU side). */
  tensorBytes?: number;
  /** Bytes of GPU textures or buffers that tfjs holds, where it says. */
  gpuBytes?: number;
  /** JavaScript heap in use (Chromium `performance.memory`, Node heapUsed). */
  jsHeapBytes?: number;
  /** WebAssembly and other array buffers outside the JS heap (Node only). */
  externalBytes?: number;
}

/** Timings of one backend at one batch size. */
export interface TimingResult {
  backend: BackendId;
  kind: DeviceKind;
  batch: number;
  readback: ReadbackMode;
  /** Slices per timed repetition (the same real slices for every backend). */
  slices: number;
  warmupRuns: number;
  repetitions: number;
  /** How many other (runtime, batch size) pairs were timed interleaved with this one. */
  interleavedWith: number;
  /** Per-slice time of every timed batch (batch time / batch size), ms. */
  perSliceMs: number[];
  /** Per-slice time of each round's pass over the K slices, ms (round order). */
  passMsPerSlice: number[];
  medianMs: number;
  p90Ms: number;
  /** Fastest sample, ms (the least disturbed by other load). */
  minMs: number;
  slicesPerSecond: number;
  /** Memory after each repetition, in order. */
  memory: MemorySample[];
}

/** Where the whole-study time went, ms. */
export interface StudyTiming {
  backend: BackendId;
  batch: number;
  slices: number;
  /** Drop to largest slice. */
  totalMs: number;
  /** Parse, sort and build the volume. */
  loadMs: number;
  /** The slice runner: preprocessing, network, back-mapping, post-processing. */
  segmentMs: number;
  /** Of segmentMs, the time inside the network (upload, run, read-back). */
  inferenceMs: number;
  /** Measurements, the largest tumour slice among them. */
  measureMs: number;
  /** Largest tumour slice (axial index), null when no tumour was found. */
  largestSliceIndex: number | null;
  largestAreaMm2: number;
  /** Which code path was timed, in words (the report prints it). */
  path: string;
}

/** What the GPU adapter says about itself (browser only). */
export interface AdapterReport {
  available: boolean;
  isFallbackAdapter?: boolean;
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  shaderF16?: boolean;
  /** WebGL2's unmasked renderer (for the tfjs WebGL backend). */
  webglRenderer?: string;
}

/** Everything one backend run reports back. */
export interface BackendReport {
  backend: BackendId;
  variant: ModelVariant;
  /** What the model preparation changed, in words. */
  variantDetail?: string;
  /** The backend that really ran (tfjs may fall back quietly). */
  actualBackend: string;
  ok: boolean;
  error?: string;
  /** Why a part was skipped, in words. */
  notes: string[];
  modelLoadMs?: number;
  timings: TimingResult[];
  study?: StudyTiming;
  adapter?: AdapterReport;
}

/** The page's configuration, served by the benchmark server. */
export interface PageConfig {
  manifestUrl: string;
  /** The study's DICOM files (names double as the files' names). */
  studyUrls: string[];
  /** Axial slice indices of the benchmark slices. */
  sliceIndices: number[];
  /** Kinds of backend that time the whole study (empty: none). */
  studyKinds: DeviceKind[];
  warmupRuns: number;
  repetitions: number;
  batches: number[];
  readback: ReadbackMode;
  /** GPU backends on a software (fallback) adapter: skip them or run them. */
  fallbackGpu: 'skip' | 'run';
  /** Where the page POSTs the outputs for the parity check (+ /label). */
  outputUrl: string;
}

/** One benchmarked (backend, variant) pair. */
export interface RunSpec {
  backend: BackendId;
  variant: ModelVariant;
}
