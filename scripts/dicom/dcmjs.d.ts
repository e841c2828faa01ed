/** Minimal typings for the parts of dcmjs the scripts and tests use. */
declare module 'dcmjs' {
  type Naturalized = Record<string, unknown>;
  const dcmjs: {
    data: {
      DicomMetaDictionary: {
        denaturalizeDataset(ds: Naturalized): Record<string, unknown>;
        naturalizeDataset(ds: Record<string, unknown>): Naturalized;
      };
      DicomDict: new (meta: Record<string, unknown>) => {
        dict: Record<string, unknown>;
        write(options?: Record<string, unknown>): ArrayBuffer;
      };
      DicomMessage: {
        readFile(
          buffer: ArrayBuffer,
          options?: Record<string, unknown>,
        ): { meta: Record<string, unknown>; dict: Record<string, unknown> };
      };
    };
  };
  export default dcmjs;
}
