/**
 * Browser side of the codec WASM loader: the `.wasm` files are emitted by
 * Vite as assets of the app and fetched from its own origin.
 */
import openjpegUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import charlsUrl from '@cornerstonejs/codec-charls/decodewasm?url';
import { setWasmBinaryLoader, type WasmCodec } from '../../core/dicom';

const URLS: Record<WasmCodec, string> = { openjpeg: openjpegUrl, charls: charlsUrl };

/** Registers the browser loader (call once at start-up). */
export function useBrowserCodecWasm(): void {
  setWasmBinaryLoader(async (codec) => {
    const res = await fetch(URLS[codec]);
    if (!res.ok) throw new Error(`codec ${codec}: HTTP ${res.status}`);
    return res.arrayBuffer();
  });
}
