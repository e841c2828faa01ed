/**
 * Fetches the built-in synthetic phantom (written by `npm run example` into
 * public/example/) from the app's own origin.
 */
import type { InputFile } from '../../core/dicom';

interface ExampleIndex {
  title: string;
  synthetic: boolean;
  files: string[];
}

const BASE = `${import.meta.env.BASE_URL}example/`;

/** The phantom's files; throws when the example was not generated. */
export async function fetchExampleFiles(): Promise<InputFile[]> {
  const res = await fetch(`${BASE}index.json`);
  if (!res.ok) {
    throw new Error('The example is missing: run "npm run example" (npm start does it).');
  }
  const index = (await res.json()) as ExampleIndex;
  return Promise.all(
    index.files.map(async (name) => {
      const r = await fetch(BASE + encodeURIComponent(name));
      if (!r.ok) throw new Error(`example file ${name}: HTTP ${r.status}`);
      return { name, bytes: new Uint8Array(await r.arrayBuffer()) };
    }),
  );
}
