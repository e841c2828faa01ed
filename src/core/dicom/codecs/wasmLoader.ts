/**
 * Where the WebAssembly codecs get their binaries. The host registers a
 * loader once: the browser fetches the files Vite serves with the app (same
 * origin), Node reads them from node_modules (see `nodeCodecWasm.ts`).
 */

/** The WASM codecs shipped by Cornerstone's DICOM image loader. */
export type WasmCodec = 'openjpeg' | 'charls';

/** Returns the bytes of a codec's `.wasm` file. */
export type WasmBinaryLoader = (codec: WasmCodec) => Promise<ArrayBuffer | Uint8Array>;

let loader: WasmBinaryLoader | undefined;

/** Registers how codec binaries are fetched (call once at start-up). */
export function setWasmBinaryLoader(next: WasmBinaryLoader): void {
  loader = next;
}

/** The codec's binary, through the registered loader. */
export async function loadWasmBinary(
  codec: WasmCodec,
): Promise<ArrayBuffer | Uint8Array> {
  if (!loader) {
    throw new Error(
      `no WASM loader registered for the ${codec} codec (call setWasmBinaryLoader)`,
    );
  }
  return loader(codec);
}
