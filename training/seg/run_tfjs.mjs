// Runs an exported tfjs LayersModel in Node on the WASM backend (the backend the app uses in
// Node), for the exporter's parity tests.
//   node training/seg/run_tfjs.mjs MODEL_JSON INPUT_F32 N H W OUTPUT_F32
// INPUT_F32: N x H x W float32 little-endian; OUTPUT_F32: N x H x W x C probabilities.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const [modelJson, inputPath, n, h, w, outputPath] = process.argv.slice(2);

function fileHandler(path) {
  return {
    load: async () => {
      const doc = JSON.parse(readFileSync(path, 'utf8'));
      const group = doc.weightsManifest[0];
      const parts = group.paths.map((p) => readFileSync(join(dirname(path), p)));
      const all = Buffer.concat(parts);
      return {
        modelTopology: doc.modelTopology,
        weightSpecs: doc.weightsManifest.flatMap((g) => g.weights),
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

await tf.setBackend('wasm');
await tf.ready();
const model = await tf.loadLayersModel(fileHandler(modelJson));
const buf = readFileSync(inputPath);
const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const x = tf.tensor4d(data, [Number(n), Number(h), Number(w), 1]);
const y = model.predict(x);
writeFileSync(outputPath, Buffer.from((await y.data()).buffer));
console.log(JSON.stringify({ backend: tf.getBackend(), shape: y.shape }));
