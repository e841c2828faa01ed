/**
 * The tumour regions of the current labels, largest first: each with its
 * volume, axial slice range (numbered as the axial view counts), the kidney
 * it touches, "Show" (the views go to its largest axial slice) and "Remove"
 * (its voxels become background); and "Remove all tumour". Every removal is
 * one step of Undo. The first few regions show until the user asks for all.
 * After a change of the labels the list stays, without its Remove buttons,
 * until it is listed again; after a removal the keyboard focus goes to the
 * list's heading, since the pressed button is gone.
 */
import { useEffect, useRef, useState } from 'react';
import type { TumourRegion } from '../../../core/measurements/tumourRegions';
import { useSegmentationStore } from '../../store/segmentationStore';
import {
  removeAllTumour,
  removeTumourRegions,
  showTumourRegion,
} from './segmentationActions';

/** Regions listed before "Show all". */
const FIRST_REGIONS = 5;

/** Volume in mL; two decimals below 1 mL, where false tumour specks lie. */
function ml(v: number): string {
  if (v < 0.005) return 'under 0.01 mL';
  return `${v.toFixed(v < 1 ? 2 : 1)} mL`;
}

function slices(r: TumourRegion): string {
  const [first, last] = [r.firstSlice + 1, r.lastSlice + 1];
  return first === last ? `axial ${first}` : `axial ${first}–${last}`;
}

function kidney(r: TumourRegion): string {
  return r.kidney ? `${r.kidney} kidney` : 'touches no kidney';
}

export function TumourRegionList() {
  const regions = useSegmentationStore((s) => s.tumourRegions);
  const stale = useSegmentationStore((s) => s.tumourRegionsVersion !== s.labelsVersion);
  const [showAll, setShowAll] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  useEffect(() => {
    if (focusHeading.current && !stale) {
      focusHeading.current = false;
      headingRef.current?.focus();
    }
  }, [regions, stale]);

  const afterRemoval = (remove: () => void) => () => {
    focusHeading.current = true;
    remove();
  };
  if (!regions || regions.length === 0) return null;
  const shown = showAll ? regions : regions.slice(0, FIRST_REGIONS);
  const totalMl = regions.reduce((sum, r) => sum + r.volumeMl, 0);

  return (
    <section
      className="seg-regions"
      aria-labelledby="seg-regions-heading"
      aria-busy={stale}
      data-testid="seg-regions"
    >
      <h3 id="seg-regions-heading" ref={headingRef} tabIndex={-1}>
        Tumour regions ({regions.length})
      </h3>
      <p className="muted">
        Remove sets all voxels of a region, on every slice, to background (not kidney): if
        it lay inside the kidney, paint that part with the kidney brush. Undo brings it
        back.
      </p>
      <ol className="seg-region-list">
        {shown.map((r, n) => {
          const name = `tumour region ${n + 1} (${ml(r.volumeMl)})`;
          return (
            <li key={n} data-testid="seg-region">
              <span>
                {n + 1}. {ml(r.volumeMl)}, {slices(r)}, {kidney(r)}
              </span>
              <span className="seg-buttons">
                <button
                  type="button"
                  className="button"
                  aria-label={`Show ${name}`}
                  onClick={() => showTumourRegion(r)}
                >
                  Show
                </button>
                <button
                  type="button"
                  className="button"
                  aria-label={`Remove ${name}`}
                  disabled={stale}
                  onClick={afterRemoval(() => removeTumourRegions([r]))}
                >
                  Remove
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="seg-buttons">
        {regions.length > FIRST_REGIONS && (
          <button
            type="button"
            className="button"
            aria-expanded={showAll}
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? `Show the first ${FIRST_REGIONS}` : `Show all ${regions.length}`}
          </button>
        )}
        <button
          type="button"
          className="button"
          data-testid="seg-remove-all-tumour"
          disabled={stale}
          onClick={afterRemoval(removeAllTumour)}
        >
          Remove all tumour ({ml(totalMl)})
        </button>
      </div>
    </section>
  );
}
