/**
 * TEST-ONLY: run-length encoding of a label array ([value, count, …]), so
 * end-to-end tests can fetch a whole label map from the page cheaply.
 */
export function labelRuns(labels: ArrayLike<number>): number[] {
  const runs: number[] = [];
  let v = 0;
  while (v < labels.length) {
    const value = labels[v];
    let end = v + 1;
    while (end < labels.length && labels[end] === value) end++;
    runs.push(value, end - v);
    v = end;
  }
  return runs;
}
