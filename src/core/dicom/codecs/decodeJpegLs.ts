/**
 * JPEG-LS (PS3.5 §A.4.3) through CharLS compiled to WASM
 * (@cornerstonejs/codec-charls, the codec Cornerstone's loader uses).
 */
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import { wordsFromBytes, type FrameInfo, type StoredPixels } from './DecodedFrame';
import { loadWasmBinary } from './wasmLoader';
import { getLogger } from '../../log/logger';

/** The codec's own chatter goes to debug level. */
const log = getLogger('codec');

let decoderPromise: Promise<EmscriptenDecoder> | undefined;

function getDecoder(): Promise<EmscriptenDecoder> {
  decoderPromise ??= loadWasmBinary('charls')
    .then((wasmBinary) =>
      charlsFactory({ wasmBinary, print: log.debug, printErr: log.debug }),
    )
    .then((mod) => new mod.JpegLSDecoder());
  return decoderPromise;
}

/** Decodes one JPEG-LS frame into stored pixel values. */
export async function decodeJpegLs(
  encoded: Uint8Array,
  info: FrameInfo,
): Promise<StoredPixels> {
  const decoder = await getDecoder();
  decoder.getEncodedBuffer(encoded.length).set(encoded);
  decoder.decode();
  const frame = decoder.getFrameInfo();
  if (frame.width !== info.columns || frame.height !== info.rows) {
    throw new Error(
      `JPEG-LS frame is ${frame.width}×${frame.height}, header says ${info.columns}×${info.rows}`,
    );
  }
  const bits = frame.bitsPerSample > 8 ? 16 : 8;
  return wordsFromBytes(decoder.getDecodedBuffer(), bits, info.signed);
}
