/**
 * Page side of the study-loading worker: one promise per request, progress
 * through a callback; `keep` is a notice, not answered.
 */
import type { InputFile, StudyMessage } from '../../core/dicom';
import type { Volume } from '../../core/volume/Volume';
import type { StudyListing, StudyRequest, StudyResponse } from './studyProtocol';

interface Pending {
  resolve: (r: StudyResponse) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./studyLoader.worker.ts', import.meta.url), {
    type: 'module',
  });
  worker.onmessage = (e: MessageEvent<StudyResponse>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.done, msg.total);
      return;
    }
    pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new Error(msg.message));
    else p.resolve(msg);
  };
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new Error(e.message || 'study worker failed'));
    pending.clear();
  };
  return worker;
}

/** A request before it gets its id. */
type Unnumbered<T> = T extends { id: number } ? Omit<T, 'id'> : never;

function request(
  req: Unnumbered<StudyRequest>,
  transfer: Transferable[],
  onProgress?: Pending['onProgress'],
): Promise<StudyResponse> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    getWorker().postMessage({ ...req, id }, transfer);
  });
}

/** Parses files in the worker (their buffers move there). */
export async function loadInWorker(files: InputFile[]): Promise<StudyListing> {
  const transfer = [...new Set(files.map((f) => f.bytes.buffer as ArrayBuffer))];
  const res = await request({ type: 'load', files }, transfer);
  if (res.type !== 'loaded') throw new Error(`unexpected reply ${res.type}`);
  return res.listing;
}

/**
 * Builds series `index` of a load the worker holds.
 *
 * @param loadId - the load's `StudyListing.loadId`
 */
export async function openInWorker(
  loadId: number,
  index: number,
  onProgress: (done: number, total: number) => void,
): Promise<{ volume: Volume; warnings: StudyMessage[] }> {
  const res = await request({ type: 'open', study: loadId, index }, [], onProgress);
  if (res.type !== 'opened') throw new Error(`unexpected reply ${res.type}`);
  return { volume: res.volume, warnings: res.warnings };
}

/** Tells the worker that the page lists load `loadId`; it lets the other go. */
export function keepInWorker(loadId: number): void {
  getWorker().postMessage({ type: 'keep', study: loadId } satisfies StudyRequest);
}
