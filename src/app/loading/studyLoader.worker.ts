/**
 * Web Worker that parses dropped files and decodes series off the main
 * thread, with the same core as Node (src/core/dicom). It keeps the last load
 * that found series, so the page can open any of them later.
 */
/// <reference lib="webworker" />
import { loadStudyFromFiles, openSeries, type LoadedStudy } from '../../core/dicom';
import { useBrowserCodecWasm } from './browserCodecWasm';
import type { StudyListing, StudyRequest, StudyResponse } from './studyProtocol';

declare const self: DedicatedWorkerGlobalScope;

useBrowserCodecWasm();
let current: LoadedStudy | null = null;

function post(message: StudyResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function listing(study: LoadedStudy): StudyListing {
  return {
    series: study.series.map((s) => ({
      kind: s.kind,
      summary: s.summary,
      patientStudy: s.kind === 'dicom' ? s.patientStudy : null,
    })),
    defaultIndex: study.defaultIndex,
    skipped: study.skipped,
    messages: study.messages,
  };
}

async function handle(req: StudyRequest): Promise<void> {
  if (req.type === 'load') {
    const study = loadStudyFromFiles(req.files);
    // A load without series leaves the previous study openable.
    if (study.series.length > 0) current = study;
    post({ id: req.id, type: 'loaded', listing: listing(study) });
    return;
  }
  const series = current?.series[req.index];
  if (!series) throw new Error(`no series ${req.index} in the current study`);
  const { volume, warnings } = await openSeries(series, {
    onProgress: (done, total) => post({ id: req.id, type: 'progress', done, total }),
  });
  // A decoded DICOM volume is new each time: hand its buffer over. A NIfTI
  // volume stays here for the next open, so it is copied.
  const transfer = series.kind === 'dicom' ? [volume.voxels.buffer as ArrayBuffer] : [];
  post({ id: req.id, type: 'opened', volume, warnings }, transfer);
}

self.onmessage = (e: MessageEvent<StudyRequest>) => {
  handle(e.data).catch((err: unknown) =>
    post({
      id: e.data.id,
      type: 'error',
      message: err instanceof Error ? err.message : String(err),
    }),
  );
};
