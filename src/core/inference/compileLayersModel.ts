/**
 * Runs a tfjs LayersModel as a short list of fused tfjs ops instead of layer
 * by layer. The file format stays the LayersModel the exporter writes; only
 * the execution changes, and its output equals `model.predict` up to float
 * rounding (tested against it on the shipped network).
 *
 * What is fused, when the pattern is unambiguous (each intermediate output
 * used once):
 * - Conv2D → BatchNormalization → LeakyReLU / ReLU: one `tf.fused.conv2d`
 *   with the batch norm folded into kernel and bias and the activation fused;
 * - ZeroPadding2D (symmetric) → Conv2D 'valid': the padding becomes the
 *   convolution's own;
 * - Conv2DTranspose with a 2×2 kernel and stride 2: a 1×1 convolution to
 *   4 × the channels followed by a depth-to-space shuffle, the same arithmetic, but on
 *   the fast convolution kernels of every backend (the transposed convolution
 *   was 31 % of the WASM kernel time);
 * - a softmax activation after a fused convolution;
 * - Concatenate → stride-1 convolution: on large maps the convolution reads
 *   the inputs apart, conv(concat(a, b)) = conv(a, K_a) + conv(b, K_b),
 *   sparing the concatenated copy (`SPLIT_MIN_PIXELS`).
 * Every other layer runs through its own `layer.apply`, so any LayersModel
 * runs, fused or not.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Shape = readonly (number | null)[];

/** What the slice runner needs of a network: shapes and a batch forward pass. */
export interface TfNetwork {
  readonly inputs: readonly { readonly shape: Shape }[];
  readonly outputs: readonly { readonly shape: Shape }[];
  /** NHWC batch in, NHWC probabilities out; the caller owns the result. */
  predict(x: tfjs.Tensor): tfjs.Tensor | tfjs.Tensor[];
  dispose(): void;
}

type FusedActivation = 'linear' | 'relu' | 'relu6' | 'leakyrelu' | 'sigmoid' | 'elu';

interface ConvStep {
  kind: 'conv';
  /** One input, or several to concatenate on the channel axis first. */
  inputs: string[];
  /** For several inputs: `filter` cut along its input channels, one part per input. */
  parts: tfjs.Tensor4D[] | undefined;
  output: string;
  filter: tfjs.Tensor4D;
  bias: tfjs.Tensor1D | undefined;
  strides: [number, number];
  pad: 'same' | 'valid' | number;
  dilations: [number, number];
  activation: FusedActivation;
  leakyAlpha: number;
  softmax: boolean;
  /** depthToSpace block after the convolution (a 2×2 stride-2 transposed convolution). */
  block: number;
}

interface LayerStep {
  kind: 'layer';
  inputs: string[];
  output: string;
  layer: tfjs.layers.Layer;
}

type Step = ConvStep | LayerStep;

export interface CompiledNetwork extends TfNetwork {
  /** How many layers of the original model were folded into another op. */
  readonly fusedLayers: number;
  /** Steps executed per forward pass (the original model runs one per layer). */
  readonly steps: number;
}

type Json = Record<string, unknown>;

function config(layer: tfjs.layers.Layer): Json {
  return layer.getConfig() as Json;
}

function pair(v: unknown, fallback: number): [number, number] {
  if (Array.isArray(v)) return [Number(v[0]), Number(v[1] ?? v[0])];
  if (typeof v === 'number') return [v, v];
  return [fallback, fallback];
}

/** The activation a fused op can take, or undefined. */
function fusable(
  layer: tfjs.layers.Layer,
): { act: FusedActivation; alpha: number } | undefined {
  const name = layer.getClassName();
  const c = config(layer);
  if (name === 'LeakyReLU') return { act: 'leakyrelu', alpha: Number(c.alpha ?? 0.3) };
  if (name === 'ReLU') {
    const plain = (c.maxValue ?? null) === null && !c.negativeSlope && !c.threshold;
    return plain ? { act: 'relu', alpha: 0 } : undefined;
  }
  if (name === 'Activation') {
    const a = String(c.activation);
    if (a === 'relu' || a === 'relu6' || a === 'sigmoid' || a === 'elu')
      return { act: a, alpha: 0 };
  }
  return undefined;
}

/**
 * Builds the fused plan. Returns undefined when the model has a shape this
 * compiler does not handle (several inputs or outputs, a layer called twice,
 * channel counts it cannot read): the caller then runs the LayersModel itself.
 *
 * @param tf - the tfjs module the model was loaded with
 */
export function compileLayersModel(
  tf: typeof tfjs,
  model: tfjs.LayersModel,
): CompiledNetwork | undefined {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return undefined;
  const layers = model.layers;
  const inboundOf = new Map<string, string[]>();
  for (const layer of layers) {
    if (layer.inboundNodes.length > 1) return undefined; // shared layer
    const node = layer.inboundNodes[0];
    if (!node) return undefined;
    if (node.tensorIndices.some((t) => t !== 0) || node.nodeIndices.some((n) => n !== 0))
      return undefined;
    inboundOf.set(
      layer.name,
      node.inboundLayers.map((l) => l.name),
    );
  }
  // From the symbolic tensors: a Sequential model lists no InputLayer among its layers.
  const outputName = model.outputs[0].sourceLayer.name;
  const inputName = model.inputs[0].sourceLayer.name;
  const consumers = new Map<string, tfjs.layers.Layer[]>();
  for (const layer of layers)
    for (const name of inboundOf.get(layer.name)!)
      consumers.set(name, [...(consumers.get(name) ?? []), layer]);
  /** The only consumer of `name`'s output, when it has exactly one and is not the model output. */
  const soleConsumer = (name: string) => {
    const c = consumers.get(name);
    return c && c.length === 1 && name !== outputName ? c[0] : undefined;
  };

  const owned: tfjs.Tensor[] = [];
  const steps: Step[] = [];
  const absorbed = new Set<string>();
  const alias = new Map<string, string>(); // absorbed layer -> layer whose step yields its value
  const source = (name: string) => alias.get(name) ?? name;

  try {
    for (const layer of layers) {
      const name = layer.name;
      if (name === inputName || absorbed.has(name)) continue;
      const cls = layer.getClassName();
      const ins = inboundOf.get(name)!.map(source);

      if (cls === 'ZeroPadding2D') {
        const next = soleConsumer(name);
        const p = config(layer).padding as number[][] | undefined;
        const symmetric = Array.isArray(p) && p.flat().every((v) => v === p[0][0]);
        if (
          next &&
          symmetric &&
          next.getClassName() === 'Conv2D' &&
          config(next).padding === 'valid'
        ) {
          const step = convStep(tf, next, [ins[0]], Number(p![0][0]), owned);
          if (step) {
            absorbed.add(next.name);
            finishConv(step, next);
            continue;
          }
        }
      }

      if (cls === 'Concatenate' && ins.length > 1) {
        // Concatenate → stride-1 'same' conv: the conv can read the inputs apart (below).
        const next = soleConsumer(name);
        const axis = Number(config(layer).axis ?? -1);
        const nc = next && config(next);
        if (
          next &&
          nc &&
          (axis === -1 || axis === 3) &&
          next.getClassName() === 'Conv2D' &&
          nc.padding === 'same' &&
          pair(nc.strides, 1).every((v) => v === 1)
        ) {
          const step = convStep(tf, next, ins, undefined, owned);
          if (step) {
            absorbed.add(next.name);
            finishConv(step, next);
            const channels = layer.inboundNodes[0].inboundLayers.map((l) => {
              const shape = l.outputShape as number[];
              return shape[shape.length - 1];
            });
            step.parts = splitInputChannels(tf, step.filter, channels);
            owned.push(...step.parts);
            continue;
          }
        }
      }

      if (cls === 'Conv2D' || cls === 'Conv2DTranspose') {
        const step =
          cls === 'Conv2D'
            ? convStep(tf, layer, [ins[0]], undefined, owned)
            : upconvStep(tf, layer, ins[0], owned);
        if (step) {
          finishConv(step, layer);
          continue;
        }
      }
      steps.push({ kind: 'layer', inputs: ins, output: name, layer });
    }
  } catch {
    // A shape this compiler misreads: run the LayersModel as it is.
    tf.dispose(owned);
    return undefined;
  }

  /** Absorbs a following batch norm and activation, then records the step. */
  function finishConv(step: ConvStep, conv: tfjs.layers.Layer) {
    let last = conv.name;
    const bn = soleConsumer(last);
    if (
      bn &&
      bn.getClassName() === 'BatchNormalization' &&
      step.activation === 'linear' &&
      !step.softmax
    ) {
      const folded = foldBatchNorm(tf, step, bn, owned);
      if (folded) {
        absorbed.add(bn.name);
        alias.set(bn.name, conv.name);
        last = bn.name;
      }
    }
    const act = soleConsumer(last);
    const f = act ? fusable(act) : undefined;
    if (act && f && step.activation === 'linear' && !step.softmax) {
      step.activation = f.act;
      step.leakyAlpha = f.alpha;
      absorbed.add(act.name);
      alias.set(act.name, conv.name);
    }
    steps.push(step);
  }

  const outputSource = source(outputName);
  const lastUse = new Map<string, number>();
  steps.forEach((s, i) => {
    for (const n of s.inputs) lastUse.set(n, i);
  });
  const fusedLayers = layers.filter((l) => l.name !== inputName).length - steps.length;

  return {
    inputs: model.inputs,
    outputs: model.outputs,
    fusedLayers,
    steps: steps.length,
    predict(x: tfjs.Tensor): tfjs.Tensor {
      return tf.tidy(() => {
        const values = new Map<string, tfjs.Tensor>([[inputName, x]]);
        steps.forEach((s, i) => {
          values.set(s.output, run(tf, s, values));
          // Free what no later step reads, so peak memory stays near one layer's.
          for (const n of s.inputs) {
            if (lastUse.get(n) !== i || n === outputSource || n === inputName) continue;
            const v = values.get(n)!;
            values.delete(n);
            // A layer may hand back its input unchanged (Dropout at inference).
            if (v !== x && ![...values.values()].includes(v)) v.dispose();
          }
        });
        return values.get(outputSource)!;
      });
    },
    dispose() {
      tf.dispose(owned);
      owned.length = 0;
      model.dispose();
    },
  };
}

function run(tf: typeof tfjs, s: Step, values: Map<string, tfjs.Tensor>): tfjs.Tensor {
  if (s.kind === 'layer') {
    const ins = s.inputs.map((n) => values.get(n)!);
    return s.layer.apply(ins.length === 1 ? ins[0] : ins) as tfjs.Tensor;
  }
  const xs = s.inputs.map((n) => values.get(n)! as tfjs.Tensor4D);
  if (s.parts && xs[0].shape[1] * xs[0].shape[2] >= SPLIT_MIN_PIXELS) {
    // conv(concat(a, b)) = conv(a, K_a) + conv(b, K_b): no concatenated copy.
    let sum: tfjs.Tensor4D = tf.fused.conv2d({
      x: xs[0],
      filter: s.parts[0],
      strides: s.strides,
      pad: s.pad,
      dilations: s.dilations,
      bias: s.bias,
    });
    for (let i = 1; i < xs.length; i++) {
      sum = tf.add(
        sum,
        tf.conv2d(xs[i], s.parts[i], s.strides, s.pad as 'same', 'NHWC', s.dilations),
      );
    }
    const y = activate(tf, sum, s.activation, s.leakyAlpha);
    return s.softmax ? tf.softmax(y, -1) : y;
  }
  let y: tfjs.Tensor4D = tf.fused.conv2d({
    x: xs.length === 1 ? xs[0] : (tf.concat(xs, -1) as tfjs.Tensor4D),
    filter: s.filter,
    strides: s.strides,
    pad: s.pad,
    dilations: s.dilations,
    bias: s.bias,
    activation: s.activation,
    leakyreluAlpha: s.leakyAlpha,
  });
  if (s.block > 1) y = depthToSpace(tf, y, s.block);
  return s.softmax ? tf.softmax(y, -1) : y;
}

/**
 * Below this many pixels per channel a concatenation is cheaper than a second
 * convolution (WASM, measured on the shipped network's decoder: reading the
 * inputs apart saved 14–31 % of that step at 256² and 128², nothing at 64²
 * and below).
 */
const SPLIT_MIN_PIXELS = 96 * 96;

function activate(
  tf: typeof tfjs,
  x: tfjs.Tensor4D,
  activation: FusedActivation,
  alpha: number,
): tfjs.Tensor4D {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'relu6':
      return tf.relu6(x);
    case 'leakyrelu':
      return tf.leakyRelu(x, alpha);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    default:
      return x;
  }
}

/** A [kh, kw, Σcᵢ, out] kernel cut into [kh, kw, cᵢ, out] parts. */
function splitInputChannels(
  tf: typeof tfjs,
  filter: tfjs.Tensor4D,
  channels: number[],
): tfjs.Tensor4D[] {
  const sum = channels.reduce((a, b) => a + b, 0);
  if (sum !== filter.shape[2]) {
    throw new Error(
      `concatenated ${sum} channels, the convolution expects ${filter.shape[2]}`,
    );
  }
  return tf.split(filter, channels, 2) as tfjs.Tensor4D[];
}

/**
 * NHWC depth-to-space by reshape and transpose: the same values as
 * `tf.depthToSpace`, but 5–40× faster on the WASM backend (measured on the
 * shipped network's four up-sampling shapes), whose DepthToSpace kernel is
 * a plain loop.
 */
function depthToSpace(tf: typeof tfjs, y: tfjs.Tensor4D, block: number): tfjs.Tensor4D {
  const [n, h, w, c] = y.shape;
  const out = c / (block * block);
  return y
    .reshape([n, h, w, block, block, out])
    .transpose([0, 1, 3, 2, 4, 5])
    .reshape([n, h * block, w * block, out]);
}

function convStep(
  tf: typeof tfjs,
  layer: tfjs.layers.Layer,
  inputs: string[],
  padOverride: number | undefined,
  owned: tfjs.Tensor[],
): ConvStep | undefined {
  const c = config(layer);
  const activation = String(c.activation ?? 'linear');
  const softmax = activation === 'softmax';
  if (!softmax && !['linear', 'relu', 'relu6', 'sigmoid', 'elu'].includes(activation))
    return undefined;
  if (c.dataFormat && c.dataFormat !== 'channelsLast') return undefined;
  const weights = layer.getWeights();
  const pad = padOverride ?? (c.padding as 'same' | 'valid');
  if (padOverride === undefined && pad !== 'same' && pad !== 'valid') return undefined;
  const [filter, bias] = weights as [tfjs.Tensor4D, tfjs.Tensor1D | undefined];
  const step: ConvStep = {
    kind: 'conv',
    inputs,
    parts: undefined,
    output: layer.name,
    filter: tf.clone(filter),
    bias: bias ? tf.clone(bias) : undefined,
    strides: pair(c.strides, 1),
    pad,
    dilations: pair(c.dilationRate, 1),
    activation: softmax ? 'linear' : (activation as FusedActivation),
    leakyAlpha: 0.2,
    softmax,
    block: 1,
  };
  owned.push(step.filter, ...(step.bias ? [step.bias] : []));
  return step;
}

/**
 * A 2×2, stride-2 transposed convolution as a 1×1 convolution to 4·C outputs
 * and depthToSpace: out[2h+i, 2w+j, c] = Σₖ x[h, w, k] · K[i, j, c, k] + b[c],
 * which depthToSpace reads from channel (2i + j)·C + c.
 */
function upconvStep(
  tf: typeof tfjs,
  layer: tfjs.layers.Layer,
  input: string,
  owned: tfjs.Tensor[],
): ConvStep | undefined {
  const c = config(layer);
  const [kh, kw] = pair(c.kernelSize, 0);
  const [sh, sw] = pair(c.strides, 1);
  const activation = String(c.activation ?? 'linear');
  if (kh !== 2 || kw !== 2 || sh !== 2 || sw !== 2) return undefined;
  if (activation !== 'linear') return undefined;
  if (c.dataFormat && c.dataFormat !== 'channelsLast') return undefined;
  const [kernel, bias] = layer.getWeights() as [tfjs.Tensor4D, tfjs.Tensor1D | undefined];
  const [, , cout, cin] = kernel.shape;
  const [filter, tiledBias] = tf.tidy(() => {
    // [2, 2, cout, cin] → [cin, 2, 2, cout] → [1, 1, cin, 4·cout] (channel (2i + j)·cout + c).
    const f = kernel
      .transpose([3, 0, 1, 2])
      .reshape([1, 1, cin, 4 * cout]) as tfjs.Tensor4D;
    const b = bias ? (tf.tile(bias, [4]) as tfjs.Tensor1D) : undefined;
    return [f, b] as const;
  });
  owned.push(filter, ...(tiledBias ? [tiledBias] : []));
  return {
    kind: 'conv',
    inputs: [input],
    parts: undefined,
    output: layer.name,
    filter,
    bias: tiledBias,
    strides: [1, 1],
    pad: 'valid',
    dilations: [1, 1],
    activation: 'linear',
    leakyAlpha: 0.2,
    softmax: false,
    block: 2,
  };
}

/**
 * Folds an inference-mode batch norm into the step's kernel and bias:
 * K' = K·s, b' = (b − μ)·s + β with s = γ/√(σ² + ε), per output channel.
 */
function foldBatchNorm(
  tf: typeof tfjs,
  step: ConvStep,
  bn: tfjs.layers.Layer,
  owned: tfjs.Tensor[],
): boolean {
  const c = config(bn);
  const axis = Array.isArray(c.axis) ? c.axis : [c.axis];
  if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== 3)) return false;
  const byRole = new Map(
    bn.weights.map((w, i) => [w.originalName.split('/').pop(), bn.getWeights()[i]]),
  );
  const [kernel, bias] = tf.tidy(() => {
    const mean = byRole.get('moving_mean')!;
    const variance = byRole.get('moving_variance')!;
    const gamma = c.scale === false ? tf.onesLike(mean) : byRole.get('gamma')!;
    const beta = c.center === false ? tf.zerosLike(mean) : byRole.get('beta')!;
    let scale = gamma.div(variance.add(Number(c.epsilon ?? 1e-3)).sqrt());
    let shift = beta.sub(mean.mul(scale));
    if (step.block > 1) {
      const reps = step.block * step.block;
      scale = tf.tile(scale, [reps]);
      shift = tf.tile(shift, [reps]);
    }
    const k = step.filter.mul(scale) as tfjs.Tensor4D;
    const b = (step.bias ? step.bias.mul(scale).add(shift) : shift) as tfjs.Tensor1D;
    return [k, b] as const;
  });
  tf.dispose([step.filter, ...(step.bias ? [step.bias] : [])]);
  owned.splice(0, owned.length, ...owned.filter((t) => !t.isDisposed));
  step.filter = kernel;
  step.bias = bias;
  owned.push(kernel, bias);
  return true;
}
