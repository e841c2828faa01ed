/**
 * Web Worker that parses dropped files and decodes series off the main
 * thread, with the same core as Node (src/core/dicom). The logic, and which
 * loads it holds, is in studyLoaderHandler.ts; the protocol in
 * studyProtocol.ts.
 */
/// <reference lib="webworker" />
import { useBrowserCodecWasm } from './browserCodecWasm';
import { createStudyLoaderHandler } from './studyLoaderHandler';
import type { StudyRequest } from './studyProtocol';

declare const self: DedicatedWorkerGlobalScope;

useBrowserCodecWasm();
const handle = createStudyLoaderHandler((message, transfer = []) =>
  self.postMessage(message, transfer),
);

self.onmessage = (e: MessageEvent<StudyRequest>) => {
  void handle(e.data);
};
