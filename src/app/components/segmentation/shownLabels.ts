/**
 * Which label array the overlay shows, so the store → overlay sync writes
 * only labels the overlay does not already hold (a brush stroke's result is
 * already there; a run's or an undo's is not).
 */
let shown: Uint8Array | null = null;

export function markShown(labels: Uint8Array | null): void {
  shown = labels;
}

export function isShown(labels: Uint8Array): boolean {
  return shown === labels;
}
