/**
 * The network behind the segmentation: name, version, the Dice it measured
 * on its test sets (from its evaluation file) and its model card, both served
 * with the app from models/segmentation/.
 */
import { useEffect, useState } from 'react';
import { useSegmentationStore } from '../../store/segmentationStore';
import { parseMarkdown } from '../planning/markdown';
import { MarkdownView } from '../planning/MarkdownView';
import { SEGMENTATION_MODEL_URL } from './segmentationActions';

/** The figures of evaluation.json the panel shows. */
interface Evaluation {
  'ircadb-01'?: {
    kidney_dice_3d?: number;
    kidney_dice_3d_postprocessed?: number;
    false_tumour_ml_postprocessed?: number;
  };
  'curvas-heldout'?: { mean_patient_dice?: number };
  'kits-jpg'?: { mean_patient_tumour_dice?: number };
  /** Present when the network was fine-tuned on the KiTS slices: the figure for unseen patients. */
  'kits-jpg-cv'?: { mean_patient_tumour_dice?: number; n_folds?: number };
}

const dice = (v: number | undefined) => (typeof v === 'number' ? v.toFixed(3) : 'n/a');

async function fetchText(name: string): Promise<string | null> {
  try {
    const response = await fetch(`${SEGMENTATION_MODEL_URL}${name}`);
    // A missing file comes back as the app's index.html from an SPA server.
    const html = response.headers.get('content-type')?.includes('text/html');
    return response.ok && !html ? await response.text() : null;
  } catch {
    return null;
  }
}

export function ModelInfo() {
  const model = useSegmentationStore((s) => s.model);
  const [card, setCard] = useState<string | null>(null);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);

  useEffect(() => {
    void fetchText('MODEL_CARD.md').then(setCard);
    void fetchText('evaluation.json').then((t) => {
      try {
        setEvaluation(t ? (JSON.parse(t) as Evaluation) : null);
      } catch {
        setEvaluation(null);
      }
    });
  }, []);

  const ir = evaluation?.['ircadb-01'];
  return (
    <div className="seg-model" data-testid="seg-model">
      <p>
        Model:{' '}
        <span data-testid="seg-model-name">
          {model ? `${model.name} ${model.version}` : 'loaded on first run'}
        </span>
      </p>
      {evaluation ? (
        <ul className="seg-dice" data-testid="seg-dice">
          <li>
            Kidney Dice, 3D-IRCADb-01: {dice(ir?.kidney_dice_3d_postprocessed)} (app
            clean-up), {dice(ir?.kidney_dice_3d)} (raw)
          </li>
          <li>
            Kidney Dice, CURVAS held-out:{' '}
            {dice(evaluation['curvas-heldout']?.mean_patient_dice)}
          </li>
          {evaluation['kits-jpg-cv'] ? (
            <li>
              Tumour Dice, KiTS19 slices, patients unseen in {evaluation['kits-jpg-cv'].n_folds}
              -fold cross-validation: {dice(evaluation['kits-jpg-cv'].mean_patient_tumour_dice)}
            </li>
          ) : (
            <li>
              Tumour Dice, KiTS19 slices:{' '}
              {dice(evaluation['kits-jpg']?.mean_patient_tumour_dice)}
            </li>
          )}
          {typeof ir?.false_tumour_ml_postprocessed === 'number' && (
            <li>
              False tumour on a tumour-free study (3D-IRCADb-01):{' '}
              {ir.false_tumour_ml_postprocessed.toFixed(1)} mL
            </li>
          )}
        </ul>
      ) : (
        <p className="muted">No evaluation was published with this model.</p>
      )}
      {card ? (
        <details data-testid="seg-model-card">
          <summary>Model card</summary>
          <a
            href={`${SEGMENTATION_MODEL_URL}MODEL_CARD.md`}
            target="_blank"
            rel="noreferrer"
          >
            Open MODEL_CARD.md
          </a>
          <div className="model-card-text">
            <MarkdownView blocks={parseMarkdown(card)} />
          </div>
        </details>
      ) : (
        <p className="muted">No model card was published with this model.</p>
      )}
    </div>
  );
}
