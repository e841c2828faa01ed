/**
 * Vite plugin: serves the networks in `models/` at `/models/…` — their
 * runtime files only (manifest, tfjs model and shards, model card,
 * evaluation) — in the dev and preview servers straight from disk, and copies
 * them into the production build.
 *
 * `NEPHROPLAN_SEG_MODEL_DIR` replaces `models/segmentation` (tests point it at
 * a small test network while no trained one exists).
 */
import {
  createReadStream,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Files a browser needs; checkpoints and ONNX files stay out. */
const SERVED =
  /^(manifest\.json|model\.json|evaluation\.json|MODEL_CARD\.md|[\w.-]+\.bin)$/;

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
};

/** Folder of each served model, by its URL name. */
function modelFolders(models: string): Record<string, string> {
  const folders: Record<string, string> = {};
  if (existsSync(models)) {
    for (const name of readdirSync(models)) {
      if (statSync(join(models, name)).isDirectory()) folders[name] = join(models, name);
    }
  }
  const seg = process.env.NEPHROPLAN_SEG_MODEL_DIR;
  if (seg) folders.segmentation = resolve(seg);
  return folders;
}

/** The file behind `/models/<name>/<file>`, or undefined. */
function fileFor(root: string, urlPath: string): string | undefined {
  const match = /^\/models\/([\w-]+)\/([^/]+)$/.exec(urlPath);
  if (!match || !SERVED.test(match[2])) return undefined;
  const folder = modelFolders(root)[match[1]];
  const path = folder && join(folder, match[2]);
  return path && existsSync(path) && statSync(path).isFile() ? path : undefined;
}

function middleware(root: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = fileFor(root, path);
    if (!file) return next();
    res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(file).pipe(res);
  };
}

/** @param root - the `models/` folder */
export function serveModels(root: string): Plugin {
  return {
    name: 'nephroplan-serve-models',
    configureServer: (server) => void server.middlewares.use(middleware(root)),
    configurePreviewServer: (server) => void server.middlewares.use(middleware(root)),
    generateBundle() {
      for (const [name, folder] of Object.entries(modelFolders(root))) {
        for (const file of readdirSync(folder)) {
          if (!SERVED.test(file)) continue;
          this.emitFile({
            type: 'asset',
            fileName: `models/${name}/${file}`,
            source: readFileSync(join(folder, file)),
          });
        }
      }
    },
  };
}
