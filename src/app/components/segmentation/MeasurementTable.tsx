/**
 * The measurements of the current labels, with units: tumour volume, each
 * kidney's volume, largest axial and 3D tumour diameters, tumour components;
 * and the largest tumour slice with a button that shows it. Without tumour it
 * says so and offers the brush with the tumour label.
 */
import { tumourRegionCaution } from '../../../core/measurements/tumourRegionCaution';
import { useSegmentationStore } from '../../store/segmentationStore';
import { showLargestTumourSlice } from './segmentationActions';

const ml = (v: number) => `${v.toFixed(1)} mL`;
const cm = (v: number) => `${v.toFixed(1)} cm`;

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={testId}>{value}</td>
    </tr>
  );
}

export function MeasurementTable() {
  const m = useSegmentationStore((s) => s.measurements);
  const labels = useSegmentationStore((s) => s.labels);
  const set = useSegmentationStore((s) => s.set);
  if (!m || !labels) return null;
  const slice = m.largestTumourSlice;
  const caution = tumourRegionCaution(m);
  const kidney = (k: typeof m.kidneys.left) => (k ? ml(k.kidneyVolumeMl) : 'not found');

  return (
    <div className="seg-measurements" data-testid="seg-measurements">
      <p className="seg-caution" role="note" data-testid="seg-tumour-caution">
        Check every tumour label before using these figures: the network finds real
        tumours poorly (see its tumour Dice beside the model name) and marks false tumour
        on some tumour-free studies (model card, Limitations).
        {caution && ` ${caution}`}
      </p>
      <table>
        <tbody>
          <Row
            label="Tumour volume (all components)"
            value={ml(m.tumourVolumeMl)}
            testId="m-tumour-volume"
          />
          <Row
            label="Right kidney"
            value={kidney(m.kidneys.right)}
            testId="m-kidney-right"
          />
          <Row
            label="Left kidney"
            value={kidney(m.kidneys.left)}
            testId="m-kidney-left"
          />
          <Row
            label="Largest axial diameter (largest tumour)"
            value={slice ? cm(slice.diameterCm) : '—'}
            testId="m-axial-diameter"
          />
          <Row
            label="Largest 3D diameter (largest tumour)"
            value={slice ? cm(m.maxTumourDiameter3dCm) : '—'}
            testId="m-3d-diameter"
          />
          <Row
            label="Tumour components"
            value={String(m.tumourComponentCount)}
            testId="m-components"
          />
        </tbody>
      </table>
      {slice ? (
        <div className="seg-largest" data-testid="seg-largest">
          <p>
            Largest tumour slice: axial {slice.viewerSliceNumber} of{' '}
            {labels.dims[slice.axis]} ({slice.areaMm2.toFixed(0)} mm²,{' '}
            {cm(slice.diameterCm)} across)
          </p>
          <button
            type="button"
            className="button"
            data-testid="seg-jump-largest"
            onClick={showLargestTumourSlice}
          >
            Show largest tumour slice
          </button>
        </div>
      ) : (
        <div className="seg-no-tumour" data-testid="seg-no-tumour">
          <p>No tumour was found. If you see one, paint it with the tumour brush.</p>
          <button
            type="button"
            className="button"
            data-testid="seg-paint-tumour"
            onClick={() => set({ tool: 'brush', brushLabel: 2 })}
          >
            Paint a tumour
          </button>
        </div>
      )}
    </div>
  );
}
