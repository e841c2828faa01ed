/**
 * URLs of the tfjs WASM binaries as the app serves them (Vite `?url`
 * imports), keyed by the file names tfjs asks for, for setWasmPaths. Browser
 * builds only; Node reads the binaries from node_modules.
 */
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const TFJS_WASM_URLS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasm,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};
