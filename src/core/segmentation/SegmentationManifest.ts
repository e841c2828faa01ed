/**
 * The segmentation manifest: the single specification of the network's input,
 * read by training (Python), the browser and the CLI alike. See
 * docs/architecture.md, "Segmentation manifest", for the meaning of each field.
 *
 * `parseSegmentationManifest` checks a parsed JSON value field by field and
 * says exactly which field is wrong, so a broken model folder fails early with
 * a message a user can act on.
 */

/** The square network input. */
export interface ManifestInput {
  /** Tensor layout; only NHWC is supported. */
  layout: 'NHWC';
  /** Side of the square network input, pixels. */
  sizePx: number;
  /** In-plane spacing of the network input, mm. */
  spacingMm: number;
  /** Input channels; only 1 is supported. */
  channels: 1;
}

/** How Hounsfield units become network input values. */
export interface ManifestIntensity {
  /** `x = (clip(hu, lo, hi) - lo) / (hi - lo)`. */
  windowHu: [number, number];
  /** Value of input pixels that fall outside the source slice, HU. */
  outsideValueHu: number;
  /**
   * Optional, default false (the documented order: resample HU, then window).
   * True clips HU to the window before resampling, which makes an 8-bit
   * [0, 255]-clipped slice give exactly the input of the raw HU slice.
   */
  windowBeforeResampling?: boolean;
}

export interface SegmentationManifest {
  name: string;
  version: string;
  /** tfjs LayersModel file, relative to the manifest. */
  modelFile: string;
  /** ONNX export, relative to the manifest (not used by the app). */
  onnxFile?: string;
  /** Output channel c has label value c; [background, kidney, tumour]. */
  labels: string[];
  input: ManifestInput;
  intensity: ManifestIntensity;
  /** Spacing assumed for 2D images that carry none, mm. */
  unknownSpacingMm: number;
  /** The model's last layer. */
  output: 'softmax';
}

/** Thrown when a manifest is missing a field or has an unusable value. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(`segmentation manifest: ${message}`);
    this.name = 'ManifestError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`"${field}" must be an object`);
  }
  return value as Json;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ManifestError(`"${field}" must be a non-empty string`);
  }
  return value;
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ManifestError(`"${field}" must be a positive number`);
  }
  return value;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ManifestError(`"${field}" must be a finite number`);
  }
  return value;
}

function relativePath(value: unknown, field: string): string {
  const path = text(value, field);
  if (path.startsWith('/') || path.includes('..') || /^[a-z]+:/i.test(path)) {
    throw new ManifestError(`"${field}" must be a path relative to the manifest`);
  }
  return path;
}

function windowOrder(value: unknown): Pick<ManifestIntensity, 'windowBeforeResampling'> {
  if (value === undefined) return {};
  if (typeof value !== 'boolean') {
    throw new ManifestError('"intensity.windowBeforeResampling" must be true or false');
  }
  return { windowBeforeResampling: value };
}

/**
 * Validates a parsed manifest.json.
 *
 * @param value - the parsed JSON
 * @returns the manifest, typed
 * @throws ManifestError naming the first field that is missing or invalid
 */
export function parseSegmentationManifest(value: unknown): SegmentationManifest {
  const root = object(value, 'manifest');
  const input = object(root.input, 'input');
  const intensity = object(root.intensity, 'intensity');

  if (input.layout !== 'NHWC') {
    throw new ManifestError(
      `"input.layout" must be "NHWC", got ${JSON.stringify(input.layout)}`,
    );
  }
  if (input.channels !== 1) {
    throw new ManifestError(
      `"input.channels" must be 1, got ${JSON.stringify(input.channels)}`,
    );
  }
  const sizePx = positive(input.sizePx, 'input.sizePx');
  if (!Number.isInteger(sizePx))
    throw new ManifestError('"input.sizePx" must be an integer');

  const window = intensity.windowHu;
  if (!Array.isArray(window) || window.length !== 2) {
    throw new ManifestError('"intensity.windowHu" must be [lowHu, highHu]');
  }
  const lo = finite(window[0], 'intensity.windowHu[0]');
  const hi = finite(window[1], 'intensity.windowHu[1]');
  if (!(hi > lo)) throw new ManifestError('"intensity.windowHu" must have high > low');

  const labels = root.labels;
  if (
    !Array.isArray(labels) ||
    labels.length < 3 ||
    !labels.every((l) => typeof l === 'string')
  ) {
    throw new ManifestError('"labels" must list [background, kidney, tumour]');
  }
  if (root.output !== 'softmax') {
    throw new ManifestError(
      `"output" must be "softmax", got ${JSON.stringify(root.output)}`,
    );
  }

  return {
    name: text(root.name, 'name'),
    version: text(root.version, 'version'),
    modelFile: relativePath(root.modelFile, 'modelFile'),
    onnxFile:
      root.onnxFile === undefined ? undefined : relativePath(root.onnxFile, 'onnxFile'),
    labels: labels as string[],
    input: {
      layout: 'NHWC',
      sizePx,
      spacingMm: positive(input.spacingMm, 'input.spacingMm'),
      channels: 1,
    },
    intensity: {
      windowHu: [lo, hi],
      outsideValueHu: finite(intensity.outsideValueHu, 'intensity.outsideValueHu'),
      ...windowOrder(intensity.windowBeforeResampling),
    },
    unknownSpacingMm: positive(root.unknownSpacingMm, 'unknownSpacingMm'),
    output: 'softmax',
  };
}
