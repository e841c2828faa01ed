/**
 * JPEG-LS (PS3.5 §A.4.3) through CharLS compiled to WASM
 * (@cornerstonejs/codec-charls, the codec Cornerstone's loader uses).
 */
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import { emscriptenFrameDecoder } from './emscriptenFrameDecoder';
import { loadWasmBinary } from './wasmLoader';
import { getLogger } from '../../log/logger';

/** The codec's own chatter goes to debug level. */
const log = getLogger('codec');

/** Decodes one JPEG-LS frame into stored pixel values. */
export const decodeJpegLs = emscriptenFrameDecoder({
  name: 'JPEG-LS',
  create: async () => {
    const wasmBinary = await loadWasmBinary('charls');
    const mod = await charlsFactory({
      wasmBinary,
      print: log.debug,
      printErr: log.debug,
    });
    return new mod.JpegLSDecoder();
  },
  trustCodestreamSign: false,
});
