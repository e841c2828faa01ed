/**
 * The study-loading worker's logic without the Worker global: it parses
 * loads, lists their series (with each one's folder and a few slices'
 * values, seriesContents.ts), holds their files and decodes series, posting
 * StudyResponse messages through the function it is given, so Node tests can
 * drive it.
 * studyLoader.worker.ts wires it to `self`; the protocol is in
 * studyProtocol.ts.
 *
 * It holds at most two loads: the one whose series the page lists, and the
 * newest one, which the page opens before it decides (`keep`) whether it
 * replaces the listed one.
 */
import { loadStudyFromFiles, openSeries, type LoadedStudy } from '../../core/dicom';
import { sampleSlices, seriesFolder } from './seriesContents';
import type { StudyListing, StudyRequest, StudyResponse } from './studyProtocol';

/** A load whose files the worker holds. */
interface HeldLoad {
  loadId: number;
  study: LoadedStudy;
}

type Post = (message: StudyResponse, transfer?: Transferable[]) => void;

async function listing(loadId: number, study: LoadedStudy): Promise<StudyListing> {
  const series = [];
  for (const s of study.series) {
    series.push({
      kind: s.kind,
      summary: s.summary,
      patientStudy: s.kind === 'dicom' ? s.patientStudy : null,
      // A NIfTI series is one file, named in its id (core/dicom/niftiSummary).
      folder: seriesFolder(
        s.kind === 'dicom'
          ? s.instances.map((i) => i.fileName)
          : [s.summary.id.replace(/^nifti:/, '')],
      ),
      sample: await sampleSlices(s),
    });
  }
  return {
    loadId,
    series,
    defaultIndex: study.defaultIndex,
    skipped: study.skipped,
    messages: study.messages,
  };
}

/**
 * Returns the message handler; call it with each request's data.
 *
 * @param post - sends a response to the page; `transfer` lists buffers to move
 */
export function createStudyLoaderHandler(post: Post) {
  /** The load whose series the page lists. */
  let listed: HeldLoad | null = null;
  /** The newest load with series, until the page keeps it or a newer one comes. */
  let newest: HeldLoad | null = null;

  async function load(req: Extract<StudyRequest, { type: 'load' }>) {
    const study = loadStudyFromFiles(req.files);
    // A load without series is not held: nothing of it can be opened.
    if (study.series.length > 0) newest = { loadId: req.id, study };
    post({ id: req.id, type: 'loaded', listing: await listing(req.id, study) });
  }

  async function open(req: Extract<StudyRequest, { type: 'open' }>) {
    const held = [newest, listed].find((h) => h?.loadId === req.study);
    const series = held?.study.series[req.index];
    if (!series) throw new Error(`no series ${req.index} in load ${req.study}`);
    const { volume, warnings } = await openSeries(series, {
      onProgress: (done, total) => post({ id: req.id, type: 'progress', done, total }),
    });
    // A decoded DICOM volume is new each time: hand its buffer over. A NIfTI
    // volume stays here for the next open, so it is copied.
    const transfer = series.kind === 'dicom' ? [volume.voxels.buffer as ArrayBuffer] : [];
    post({ id: req.id, type: 'opened', volume, warnings }, transfer);
  }

  /** The page lists load `loadId` from now on: the other load is let go. */
  function keep(loadId: number) {
    if (newest?.loadId === loadId) listed = newest;
    newest = null;
  }

  return async (req: StudyRequest): Promise<void> => {
    if (req.type === 'keep') return keep(req.study);
    try {
      if (req.type === 'load') await load(req);
      else await open(req);
    } catch (err) {
      post({
        id: req.id,
        type: 'error',
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };
}
