/**
 * Node-only: reads the codec WASM binaries from node_modules. Import this
 * from the CLI and tests, never from browser code (it uses `node:fs`).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setWasmBinaryLoader, type WasmCodec } from '../codecs/wasmLoader';

const require = createRequire(import.meta.url);

const FILES: Record<WasmCodec, string> = {
  openjpeg: '@cornerstonejs/codec-openjpeg/decodewasm',
  charls: '@cornerstonejs/codec-charls/decodewasm',
};

/** Registers the Node loader for codec binaries. Safe to call repeatedly. */
export function useNodeCodecWasm(): void {
  setWasmBinaryLoader(async (codec) => readFile(require.resolve(FILES[codec])));
}
