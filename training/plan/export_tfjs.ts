/**
 * Rebuilds PlanNet (training/plan/model.py) with tfjs layers of the same names,
 * loads the weights that export.py converted to tfjs layouts, and writes
 * model.json plus one weight shard. Run by export.py:
 *
 *   npx tsx training/plan/export_tfjs.ts <weights.json> <output folder>
 *
 * weights.json: { inChannels, sizePx, nTabular, widths: {conv, tab, shared},
 * layers: { name: [{ shape, values }, ...] } } (kernel then bias).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

interface WeightsFile {
  inChannels: number;
  sizePx: number;
  nTabular: number;
  widths: { conv: number; tab: number; shared: number };
  dropout: number;
  layers: Record<string, { shape: number[]; values: number[] }[]>;
}

function build(w: WeightsFile): tf.LayersModel {
  const image = tf.input({ shape: [w.sizePx, w.sizePx, w.inChannels], name: 'image' });
  const tabular = tf.input({ shape: [w.nTabular], name: 'tabular' });
  let x = image as tf.SymbolicTensor;
  [1, 2, 4].forEach((mult, i) => {
    x = tf.layers
      .conv2d({
        filters: w.widths.conv * mult,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        name: `conv${i + 1}`,
      })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .maxPooling2d({ poolSize: 2, strides: 2, name: `pool${i + 1}` })
      .apply(x) as tf.SymbolicTensor;
  });
  const img = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  const tab = tf.layers
    .dense({ units: w.widths.tab, activation: 'relu', name: 'tab' })
    .apply(tabular) as tf.SymbolicTensor;
  const fused = tf.layers.concatenate({ name: 'fuse' }).apply([img, tab]);
  let h = tf.layers
    .dense({ units: w.widths.shared, activation: 'relu', name: 'shared' })
    .apply(fused) as tf.SymbolicTensor;
  h = tf.layers.dropout({ rate: w.dropout, name: 'drop' }).apply(h) as tf.SymbolicTensor;
  const heads = ['procedure', 'approach', 'time'].map(
    (name) => tf.layers.dense({ units: 1, name }).apply(h) as tf.SymbolicTensor,
  );
  const out = tf.layers.concatenate({ name: 'heads' }).apply(heads) as tf.SymbolicTensor;
  return tf.model({ inputs: [image, tabular], outputs: out, name: 'plan_net' });
}

async function main() {
  const [weightsPath, outDir] = process.argv.slice(2);
  const w = JSON.parse(readFileSync(weightsPath, 'utf8')) as WeightsFile;
  const model = build(w);
  for (const [name, arrays] of Object.entries(w.layers)) {
    model
      .getLayer(name)
      .setWeights(arrays.map((a) => tf.tensor(Float32Array.from(a.values), a.shape)));
  }
  mkdirSync(outDir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const shard = 'weights.bin';
      writeFileSync(
        join(outDir, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
          convertedBy: 'training/plan/export_tfjs.ts',
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [shard], weights: artifacts.weightSpecs }],
        }),
      );
      writeFileSync(join(outDir, shard), new Uint8Array(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  console.log(`wrote ${outDir}/model.json`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
