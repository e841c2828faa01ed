/** Typings for the Emscripten glue of the Cornerstone codec packages. */
interface EmscriptenFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): EmscriptenFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete?(): void;
}

interface EmscriptenModuleArgs {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string) => string;
  print?: (...text: unknown[]) => void;
  printErr?: (...text: unknown[]) => void;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (
    args?: EmscriptenModuleArgs,
  ) => Promise<{ J2KDecoder: new () => EmscriptenDecoder }>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (args?: EmscriptenModuleArgs) => Promise<{
    JpegLSDecoder: new () => EmscriptenDecoder;
    getExceptionMessage?(e: number): string;
  }>;
  export default factory;
}
