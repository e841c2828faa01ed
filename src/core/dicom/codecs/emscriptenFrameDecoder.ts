/**
 * Runs one of Cornerstone's Emscripten image codecs (OpenJPEG, CharLS) on a
 * frame: the shared steps of decodeJpeg2000.ts and decodeJpegLs.ts.
 */
import { wordsFromBytes, type FrameInfo, type StoredPixels } from './DecodedFrame';

export interface EmscriptenFrameDecoderParams {
  /** Codec name for messages, e.g. "JPEG 2000". */
  name: string;
  /** Creates the decoder once; later calls reuse it. */
  create: () => Promise<EmscriptenDecoder>;
  /** Let the codestream's own signedness win over the DICOM header's. */
  trustCodestreamSign: boolean;
}

/** Returns a function that decodes one encoded frame into stored pixel values. */
export function emscriptenFrameDecoder(params: EmscriptenFrameDecoderParams) {
  let decoderPromise: Promise<EmscriptenDecoder> | undefined;

  return async (encoded: Uint8Array, info: FrameInfo): Promise<StoredPixels> => {
    decoderPromise ??= params.create();
    const decoder = await decoderPromise;
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();

    const frame = decoder.getFrameInfo();
    if (frame.width !== info.columns || frame.height !== info.rows) {
      throw new Error(
        `${params.name} frame is ${frame.width}×${frame.height}, ` +
          `header says ${info.columns}×${info.rows}`,
      );
    }
    const signed = params.trustCodestreamSign
      ? (frame.isSigned ?? info.signed)
      : info.signed;
    const bits = frame.bitsPerSample > 8 ? 16 : 8;
    return wordsFromBytes(decoder.getDecodedBuffer(), bits, signed);
  };
}
