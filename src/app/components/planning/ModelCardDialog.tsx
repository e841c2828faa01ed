/**
 * The model cards in the app: buttons that open a dialog showing the planning
 * or the segmentation model's MODEL_CARD.md (training data, validation method,
 * figures against trivial baselines, limitations), as served from models/.
 */
import { useEffect, useRef, useState } from 'react';
import { parseMarkdown, type Block } from './markdown';
import { MarkdownView } from './MarkdownView';
import { MODELS_URL } from './planningModel';

export type CardName = 'planning' | 'segmentation';

const TITLES: Record<CardName, string> = {
  planning: 'Planning model card',
  segmentation: 'Segmentation model card',
};

type CardState =
  | { status: 'loading' }
  | { status: 'ready'; blocks: Block[] }
  | { status: 'missing'; message: string };

/**
 * Fetches a card. A static server may answer a missing file with the app's
 * index.html, so only a Markdown or plain-text answer counts.
 */
async function fetchCard(name: CardName): Promise<CardState> {
  const path = `models/${name}/MODEL_CARD.md`;
  try {
    const res = await fetch(`${MODELS_URL}${name}/MODEL_CARD.md`);
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || type.includes('html')) {
      return {
        status: 'missing',
        message: `No ${name} model card in this build (${path}).`,
      };
    }
    return { status: 'ready', blocks: parseMarkdown(await res.text()) };
  } catch (err) {
    return {
      status: 'missing',
      message: `The ${name} model card could not be loaded: ${(err as Error).message}`,
    };
  }
}

export function ModelCardButtons() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState<CardName | null>(null);
  const [card, setCard] = useState<CardState>({ status: 'loading' });

  useEffect(() => {
    if (!name) return;
    let live = true;
    setCard({ status: 'loading' });
    void fetchCard(name).then((c) => live && setCard(c));
    return () => {
      live = false;
    };
  }, [name]);

  const open = (n: CardName) => {
    setName(n);
    dialog.current?.showModal();
  };

  return (
    <div className="plan-cards">
      <span className="muted">Model cards:</span>
      <button type="button" className="button small" onClick={() => open('planning')}>
        Planning
      </button>
      <button type="button" className="button small" onClick={() => open('segmentation')}>
        Segmentation
      </button>
      <dialog
        ref={dialog}
        className="model-card-dialog"
        aria-label={name ? TITLES[name] : 'Model card'}
        data-testid="model-card-dialog"
        onClose={() => setName(null)}
      >
        <div className="model-card-header">
          <h2>{name ? TITLES[name] : ''}</h2>
          <button
            type="button"
            className="button"
            onClick={() => dialog.current?.close()}
          >
            Close
          </button>
        </div>
        <div className="model-card-body" data-testid="model-card-body">
          {card.status === 'loading' && <p className="muted">Loading…</p>}
          {card.status === 'missing' && <p className="field-warning">{card.message}</p>}
          {card.status === 'ready' && <MarkdownView blocks={card.blocks} />}
        </div>
      </dialog>
    </div>
  );
}
