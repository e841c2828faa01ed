/**
 * `npm run example`: writes the built-in synthetic abdominal phantom as a CT
 * DICOM series into public/example/ (git-ignored), with an index.json the app
 * reads to offer "Open example (synthetic phantom)". Deterministic; seconds.
 *
 *   npm run example [-- --out <folder>]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderPhantom } from './phantom/renderPhantom';
import { phantomSeries } from './phantom/phantomSeries';
import { PHANTOM_GRID } from './phantom/phantomGrid';

/** What the app reads from `example/index.json`. */
export interface ExampleIndex {
  title: string;
  synthetic: true;
  files: string[];
}

async function main(argv: string[]): Promise<void> {
  const outFlag = argv.indexOf('--out');
  const outDir = outFlag >= 0 ? argv[outFlag + 1] : path.join('public', 'example');
  const started = Date.now();

  const files = phantomSeries(renderPhantom());
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await Promise.all(files.map((f) => writeFile(path.join(outDir, f.name), f.bytes)));
  const index: ExampleIndex = {
    title: 'Synthetic abdominal phantom (not a patient)',
    synthetic: true,
    files: files.map((f) => f.name),
  };
  await writeFile(path.join(outDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');

  const g = PHANTOM_GRID;
  process.stdout.write(
    `example: ${files.length} slices ${g.columns}×${g.rows} written to ${outDir} ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`example: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
