/**
 * Public API of the DICOM core: from files to series to an HU volume.
 * Plain TypeScript; runs in the browser, in workers and in Node (register a
 * codec WASM loader first: `useNodeCodecWasm()` in Node).
 */
export type { InputFile, ParsedFile } from './ParsedFile';
export type { DicomInstance } from './DicomInstance';
export type { PatientStudyInfo } from './PatientStudyInfo';
export type { SeriesSummary } from './SeriesSummary';
export type { DicomSeries, NiftiSeries, StudySeries } from './StudySeries';
export type { StudyMessage, MessageCode, MessageLevel } from './StudyMessage';
export type { LoadedStudy, SkippedFile } from './loadStudyFromFiles';
export type { BuiltVolume, BuildVolumeOptions } from './buildVolume';
export type { PlaneLabel } from './planeLabel';
export { loadStudyFromFiles } from './loadStudyFromFiles';
export { buildVolume } from './buildVolume';
export { planVolume } from './planVolume';
export type { VolumePlan } from './planVolume';
export { openSeries } from './openSeries';
export { parseDicomFile } from './parseDicomFile';
export { groupSeries } from './groupSeries';
export { sortSlices, sliceNormal } from './sortSlices';
export { analyseSliceSpacing } from './sliceSpacing';
export { pickDefaultSeries } from './pickDefaultSeries';
export { isPart10 } from './isPart10';
export { isSyntheticPhantom } from './syntheticPhantom';
export { describeTransferSyntax } from './transferSyntax';
export { setWasmBinaryLoader } from './codecs/wasmLoader';
export type { WasmBinaryLoader, WasmCodec } from './codecs/wasmLoader';
