/**
 * JPEG 2000 (PS3.5 §A.4.4) through OpenJPEG compiled to WASM
 * (@cornerstonejs/codec-openjpeg, the codec Cornerstone's loader uses).
 */
import openJpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import { emscriptenFrameDecoder } from './emscriptenFrameDecoder';
import { loadWasmBinary } from './wasmLoader';
import { getLogger } from '../../log/logger';

/** The codec's own chatter goes to debug level. */
const log = getLogger('codec');

/** Decodes one JPEG 2000 codestream into stored pixel values. */
export const decodeJpeg2000 = emscriptenFrameDecoder({
  name: 'JPEG 2000',
  create: async () => {
    const wasmBinary = await loadWasmBinary('openjpeg');
    const mod = await openJpegFactory({
      wasmBinary,
      print: log.debug,
      printErr: log.debug,
    });
    return new mod.J2KDecoder();
  },
  // The codestream states its own signedness; DICOM headers sometimes disagree.
  trustCodestreamSign: true,
});
