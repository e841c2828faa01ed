/**
 * A speed change for the slice runner to adopt: folds every inference-mode
 * BatchNormalization into the convolution (or dense layer) before it, and a
 * ReLU after it into that layer's activation, so tfjs runs one fused
 * conv + bias + ReLU op where it ran three (conv, batch norm, ReLU). The
 * output is the same up to float rounding.
 *
 * Works on any tfjs LayersModel; layers that do not match the pattern
 * (BN after something else, BN or conv output used twice, BN on another axis)
 * are left as they are.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Json = Record<string, unknown>;
/** One inbound tensor reference: [layer name, node index, tensor index, kwargs]. */
type InboundRef = [string, number, number, Json?];

interface LayerJson {
  class_name: string;
  name: string;
  config: Json;
  inbound_nodes: InboundRef[][];
}

const FOLDABLE = new Set(['Conv2D', 'Conv2DTranspose', 'Dense', 'DepthwiseConv2D']);

export interface FoldResult {
  model: tfjs.LayersModel;
  /** BatchNormalization layers folded away. */
  foldedBatchNorms: number;
  /** ReLU layers merged into the layer before. */
  mergedActivations: number;
}

function isPlainRelu(layer: LayerJson): boolean {
  // Serialised configs use Keras (snake_case) keys.
  const c = layer.config;
  if (layer.class_name === 'Activation') return c.activation === 'relu';
  return (
    layer.class_name === 'ReLU' &&
    (c.max_value === undefined || c.max_value === null) &&
    (c.negative_slope === undefined || c.negative_slope === 0) &&
    (c.threshold === undefined || c.threshold === 0)
  );
}

/** The single inbound layer name of a one-input, one-call layer, else undefined. */
function soleInbound(layer: LayerJson): string | undefined {
  if (layer.inbound_nodes.length !== 1 || layer.inbound_nodes[0].length !== 1)
    return undefined;
  const [name, node, tensor] = layer.inbound_nodes[0][0];
  return node === 0 && tensor === 0 ? name : undefined;
}

/**
 * Returns a new model with batch norms folded; the input model is untouched
 * (the caller disposes it).
 */
export async function foldBatchNorm(
  tf: typeof tfjs,
  model: tfjs.LayersModel,
): Promise<FoldResult> {
  const topology = JSON.parse(JSON.stringify(model.toJSON(undefined, false))) as Json;
  const config = topology.config as Json;
  const layers = config.layers as LayerJson[];
  const byName = new Map(layers.map((l) => [l.name, l]));

  const consumers = new Map<string, number>();
  const countRef = (name: string) => consumers.set(name, (consumers.get(name) ?? 0) + 1);
  for (const l of layers)
    for (const node of l.inbound_nodes) for (const ref of node) countRef(ref[0]);
  for (const ref of config.output_layers as InboundRef[]) countRef(ref[0]);

  // Which layer each removed layer's output now comes from.
  const replacedBy = new Map<string, string>();
  const foldInto = new Map<string, string>(); // conv name -> BN name
  let mergedActivations = 0;

  for (const bn of layers) {
    if (bn.class_name !== 'BatchNormalization') continue;
    const axis = bn.config.axis;
    if (
      axis !== -1 &&
      axis !== 3 &&
      !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1)
    ) {
      continue;
    }
    const prevName = soleInbound(bn);
    const prev = prevName ? byName.get(prevName) : undefined;
    if (!prev || !FOLDABLE.has(prev.class_name) || consumers.get(prev.name) !== 1)
      continue;
    if ((prev.config.activation ?? 'linear') !== 'linear') continue;

    foldInto.set(prev.name, bn.name);
    replacedBy.set(bn.name, prev.name);
    prev.config.use_bias = true;

    // A ReLU that is the BN's only consumer becomes the conv's activation.
    if (consumers.get(bn.name) === 1) {
      const next = layers.find((l) => isPlainRelu(l) && soleInbound(l) === bn.name);
      if (next) {
        prev.config.activation = 'relu';
        replacedBy.set(next.name, prev.name);
        mergedActivations++;
      }
    }
  }

  const resolveName = (name: string): string => {
    let n = name;
    while (replacedBy.has(n)) n = replacedBy.get(n)!;
    return n;
  };
  config.layers = layers
    .filter((l) => !replacedBy.has(l.name))
    .map((l) => ({
      ...l,
      inbound_nodes: l.inbound_nodes.map((node) =>
        node.map(([name, ...rest]) => [resolveName(name), ...rest] as InboundRef),
      ),
    }));
  config.output_layers = (config.output_layers as InboundRef[]).map(
    ([name, ...rest]) => [resolveName(name), ...rest] as InboundRef,
  );

  const folded = await tf.models.modelFromJSON(topology as never);
  for (const layer of folded.layers) {
    const old = model.getLayer(layer.name);
    const bnName = foldInto.get(layer.name);
    if (!bnName) {
      if (layer.weights.length) layer.setWeights(old.getWeights());
      continue;
    }
    const weights = foldWeights(tf, old, model.getLayer(bnName));
    layer.setWeights(weights);
    tf.dispose(weights);
  }
  return { model: folded, foldedBatchNorms: foldInto.size, mergedActivations };
}

/**
 * kernel' = kernel · γ/√(σ² + ε) on the output-channel axis;
 * bias' = (bias − μ) · γ/√(σ² + ε) + β.
 */
function foldWeights(
  tf: typeof tfjs,
  conv: tfjs.layers.Layer,
  bn: tfjs.layers.Layer,
): tfjs.Tensor[] {
  return tf.tidy(() => {
    const c = bn.getConfig() as Json;
    const byRole = new Map(
      bn.weights.map((w, i) => [w.originalName.split('/').pop(), bn.getWeights()[i]]),
    );
    const mean = byRole.get('moving_mean')!;
    const variance = byRole.get('moving_variance')!;
    const gamma = c.scale === false ? tf.onesLike(mean) : byRole.get('gamma')!;
    const beta = c.center === false ? tf.zerosLike(mean) : byRole.get('beta')!;
    const scale = gamma.div(variance.add(c.epsilon as number).sqrt());

    const [kernel, bias] = conv.getWeights();
    const channels = scale.shape[0];
    // Output channels: last axis, except Conv2DTranspose ([kh, kw, out, in]).
    const isTransposed = conv.getClassName() === 'Conv2DTranspose';
    const isDepthwise = conv.getClassName() === 'DepthwiseConv2D';
    let k: tfjs.Tensor;
    if (isTransposed) {
      k = kernel.mul(scale.reshape([1, 1, channels, 1]));
    } else if (isDepthwise) {
      // [kh, kw, in, multiplier]; output channel = in * multiplier + m.
      const [kh, kw, cin, mult] = kernel.shape;
      k = kernel.mul(scale.reshape([1, 1, cin, mult])).reshape([kh, kw, cin, mult]);
    } else {
      k = kernel.mul(scale);
    }
    const b = (bias ?? tf.zeros([channels])).sub(mean).mul(scale).add(beta);
    return [k, b];
  });
}
