/**
 * The few facts a clinician checks to be sure this is the right study.
 * DICOM values are rendered as text (React escapes them), never as markup.
 */
import { useStudyStore } from '../store/studyStore';
import { formatSpacing } from './formatSpacing';

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value || '—'}</dd>
    </>
  );
}

export function StudyInfo() {
  const info = useStudyStore((s) => s.patientStudy);
  const summary = useStudyStore((s) => s.summary);
  const volume = useStudyStore((s) => s.volume);
  const isExample = useStudyStore((s) => s.isExample);
  if (!summary || !volume) return null;

  return (
    <section className="panel study-info" aria-label="Study">
      <h2>Study</h2>
      {isExample && (
        <>
          <p className="synthetic-badge" data-testid="synthetic-badge">
            Synthetic phantom — not a patient
          </p>
          <p className="muted" data-testid="synthetic-truth">
            Made of simple shapes, not real anatomy. Its truth, to compare with what the
            network finds: a 4 cm tumour at the upper pole of the left kidney (the right
            side of the axial view), partly outside the kidney; the right kidney has none.
            The network was trained on real CT, not on shapes like these, and may miss it:
            if it does, paint the tumour with the tumour brush to try the review and
            planning steps.
          </p>
        </>
      )}
      <dl>
        {info ? (
          <>
            <Row label="Patient" value={info.patientName} testId="patient-name" />
            <Row label="ID" value={info.patientId} testId="patient-id" />
            <Row label="Born" value={info.birthDate} testId="patient-birth" />
            <Row label="Sex" value={info.patientSex} testId="patient-sex" />
            <Row
              label="Study"
              value={[info.studyDate, info.studyDescription].filter(Boolean).join(' · ')}
              testId="study-date"
            />
          </>
        ) : (
          <Row
            label="Source"
            value="NIfTI file (no patient data)"
            testId="patient-name"
          />
        )}
        <Row label="Series" value={summary.description} testId="series-description" />
        <Row
          label="Volume"
          value={`${volume.dims.join(' × ')} voxels`}
          testId="volume-dims"
        />
        <Row
          label="Spacing"
          value={formatSpacing(volume.spacingMm)}
          testId="volume-spacing"
        />
      </dl>
    </section>
  );
}
