/**
 * Counts the floating-point operations of one forward pass of a tfjs
 * LayersModel from its topology (model.json), for one input of batch 1.
 *
 * Convention: a multiply-add is 2 FLOPs. Convolutions and dense layers count
 * their multiply-adds and bias; batch normalisation 2 per element (scale and
 * shift at inference); element-wise activations 1 per element; softmax 3 per
 * element (exp, sum, divide); pooling one per window element. Reshaping,
 * concatenation, dropout and the input cost nothing.
 */
import * as tf from '@tensorflow/tfjs';

export interface LayerFlops {
  name: string;
  className: string;
  flops: number;
}

export interface FlopCount {
  /** All counted operations, batch 1. */
  total: number;
  /** The multiply-add part (convolutions and dense layers, without bias). */
  multiplyAdd: number;
  layers: LayerFlops[];
}

type Shape = (number | null)[];

const ACTIVATION_COST: Record<string, number> = {
  linear: 0,
  relu: 1,
  relu6: 1,
  elu: 1,
  selu: 1,
  sigmoid: 1,
  tanh: 1,
  swish: 1,
  gelu: 1,
  softmax: 3,
};

function elements(shape: Shape): number {
  return shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
}

function single(shape: Shape | Shape[]): Shape {
  return Array.isArray(shape[0]) ? (shape as Shape[])[0] : (shape as Shape);
}

function activationCost(name: unknown, outElements: number): number {
  if (typeof name !== 'string' || name === 'linear') return 0;
  return (ACTIVATION_COST[name] ?? 1) * outElements;
}

/** FLOPs of one layer; returns [total, multiply-add part]. */
function layerFlops(layer: tf.layers.Layer): [number, number] {
  if (layer.getClassName() === 'InputLayer') return [0, 0];
  const config = layer.getConfig() as Record<string, unknown>;
  const node = layer.inboundNodes[0];
  const inShape = single(node.inputShapes as Shape | Shape[]);
  const outShape = single(node.outputShapes as Shape | Shape[]);
  const out = elements(outShape);
  const bias = config.useBias === false ? 0 : out;
  const act = activationCost(config.activation, out);
  const kernel = (config.kernelSize as number[] | undefined) ?? [1, 1];
  const khw = kernel.reduce((a, b) => a * b, 1);
  const cin = inShape[inShape.length - 1] ?? 1;

  switch (layer.getClassName()) {
    case 'Conv2D':
    case 'Conv1D':
    case 'Conv3D': {
      const mac = 2 * out * khw * cin;
      return [mac + bias + act, mac];
    }
    case 'Conv2DTranspose': {
      // Every input pixel scatters a kernel into every output channel.
      const cout = outShape[outShape.length - 1] ?? 1;
      const mac = 2 * elements(inShape) * khw * cout;
      return [mac + bias + act, mac];
    }
    case 'DepthwiseConv2D': {
      const mac = 2 * out * khw;
      return [mac + bias + act, mac];
    }
    case 'SeparableConv2D': {
      const mult = (config.depthMultiplier as number | undefined) ?? 1;
      const spatial = out / (outShape[outShape.length - 1] ?? 1);
      const mac = 2 * spatial * cin * mult * khw + 2 * out * cin * mult;
      return [mac + bias + act, mac];
    }
    case 'Dense': {
      const mac = 2 * out * cin;
      return [mac + bias + act, mac];
    }
    case 'BatchNormalization':
      return [2 * out, 0];
    case 'Activation':
      return [activationCost(config.activation, out), 0];
    case 'ReLU':
    case 'LeakyReLU':
    case 'PReLU':
    case 'ELU':
    case 'ThresholdedReLU':
      return [out, 0];
    case 'Softmax':
      return [3 * out, 0];
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const pool = (config.poolSize as number[] | undefined) ?? [2, 2];
      return [out * pool[0] * pool[1], 0];
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      return [elements(inShape), 0];
    case 'Add':
    case 'Multiply':
    case 'Subtract':
    case 'Average':
    case 'Maximum':
    case 'Minimum': {
      const inputs = Array.isArray(node.inputShapes[0]) ? node.inputShapes.length : 2;
      return [(inputs - 1) * out, 0];
    }
    case 'UpSampling2D':
      return [config.interpolation === 'bilinear' ? 4 * out : 0, 0];
    default:
      return [0, 0];
  }
}

/** Counts the FLOPs of a built LayersModel. */
export function countModelFlops(model: tf.LayersModel): FlopCount {
  const layers: LayerFlops[] = [];
  let total = 0;
  let multiplyAdd = 0;
  for (const layer of model.layers) {
    const [flops, mac] = layerFlops(layer);
    layers.push({ name: layer.name, className: layer.getClassName(), flops });
    total += flops;
    multiplyAdd += mac;
  }
  return { total, multiplyAdd, layers };
}

type TopologyJson = {
  config: { layers: { class_name: string; config: Record<string, unknown> }[] };
};

/**
 * Gives inputs with open spatial dimensions (`[null, null, null, c]`) the
 * network input size, so shapes and FLOPs are those of one real slice.
 */
function withInputSize(modelTopology: object, sizePx: number): object {
  const copy = JSON.parse(JSON.stringify(modelTopology)) as TopologyJson;
  for (const layer of copy.config.layers) {
    if (layer.class_name !== 'InputLayer') continue;
    const key =
      'batch_input_shape' in layer.config ? 'batch_input_shape' : 'batchInputShape';
    const shape = layer.config[key] as (number | null)[] | undefined;
    if (shape?.length === 4) {
      layer.config[key] = [shape[0], shape[1] ?? sizePx, shape[2] ?? sizePx, shape[3]];
    }
  }
  return copy;
}

/**
 * Counts the FLOPs of the model described by a model.json's `modelTopology`
 * (no weights needed: the layers are built from the topology alone).
 * @param sizePx - input size used where the topology leaves height and width open
 */
export async function countTopologyFlops(
  modelTopology: object,
  sizePx?: number,
): Promise<FlopCount> {
  // Building the layers initialises weights, so a backend must be ready.
  await tf.ready();
  const topology = sizePx ? withInputSize(modelTopology, sizePx) : modelTopology;
  const model = await tf.models.modelFromJSON(
    topology as tf.io.ModelJSON['modelTopology'] as never,
  );
  try {
    return countModelFlops(model);
  } finally {
    model.dispose();
  }
}
