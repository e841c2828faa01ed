/**
 * The image area: toolbar, a large axial view and coronal and sagittal views
 * of the same volume, with a hint while nothing is loaded.
 */
import { useStudyStore } from '../../store/studyStore';
import { KEYBOARD_HELP } from '../../../viewer/keyboardActions';
import { VIEW_NAMES } from '../../../viewer/viewportIds';
import { useStudyViewer } from './useStudyViewer';
import { ViewerToolbar } from './ViewerToolbar';
import { ViewPane } from './ViewPane';

export function ViewerPanel() {
  const volume = useStudyStore((s) => s.volume);
  // NIfTI carries no modality; the app's NIfTI inputs are CT.
  const isHu = useStudyStore(
    (s) => !s.summary || s.summary.modality === 'CT' || s.summary.source === 'nifti',
  );
  const { elements, overlays, windowHu, shownVolume, withViewer } = useStudyViewer(
    volume,
    isHu,
  );

  return (
    <section className="viewer" aria-label="Images" data-ready={shownVolume !== null}>
      <ViewerToolbar
        windowHu={windowHu}
        disabled={!shownVolume}
        onPreset={(w, l) => withViewer((v) => v.setWindow(w, l))}
        onReset={() => withViewer((v) => v.reset())}
      />
      <div className="views">
        {VIEW_NAMES.map((name) => (
          <ViewPane
            key={name}
            name={name}
            overlay={overlays[name]}
            unit={isHu ? 'HU' : ''}
            elementRef={(el) => {
              elements.current[name] = el;
            }}
          />
        ))}
        {!volume && (
          <div className="empty-hint" data-testid="empty-hint">
            Drop a CT study anywhere on this page — a DICOM folder, DICOM files or a .nii
            / .nii.gz volume — or use the buttons above.
          </div>
        )}
      </div>
      <p className="help">{KEYBOARD_HELP}</p>
    </section>
  );
}
