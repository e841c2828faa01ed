/**
 * JPEG 2000 (PS3.5 §A.4.4) through OpenJPEG compiled to WASM
 * (@cornerstonejs/codec-openjpeg, the codec Cornerstone's loader uses).
 */
import openJpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import { wordsFromBytes, type FrameInfo, type StoredPixels } from './DecodedFrame';
import { loadWasmBinary } from './wasmLoader';
import { getLogger } from '../../log/logger';

/** The codec's own chatter goes to debug level. */
const log = getLogger('codec');

let decoderPromise: Promise<EmscriptenDecoder> | undefined;

function getDecoder(): Promise<EmscriptenDecoder> {
  decoderPromise ??= loadWasmBinary('openjpeg')
    .then((wasmBinary) =>
      openJpegFactory({ wasmBinary, print: log.debug, printErr: log.debug }),
    )
    .then((mod) => new mod.J2KDecoder());
  return decoderPromise;
}

/** Decodes one JPEG 2000 codestream into stored pixel values. */
export async function decodeJpeg2000(
  encoded: Uint8Array,
  info: FrameInfo,
): Promise<StoredPixels> {
  const decoder = await getDecoder();
  decoder.getEncodedBuffer(encoded.length).set(encoded);
  decoder.decode();
  const frame = decoder.getFrameInfo();
  if (frame.width !== info.columns || frame.height !== info.rows) {
    throw new Error(
      `JPEG 2000 frame is ${frame.width}×${frame.height}, header says ${info.columns}×${info.rows}`,
    );
  }
  // The codestream states its own signedness; DICOM headers sometimes disagree.
  const signed = frame.isSigned ?? info.signed;
  const bits = frame.bitsPerSample > 8 ? 16 : 8;
  return wordsFromBytes(decoder.getDecodedBuffer(), bits, signed);
}
