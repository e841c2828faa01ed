/**
 * The benchmark's own HTTP server on 127.0.0.1: serves the built app (dist/),
 * the network under test, the study's DICOM files (read in place) and the
 * page's configuration, and receives the page's outputs for the parity check.
 * Every request is logged, so the report can show that none left the origin.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { PageConfig } from '../../src/bench/types';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
  '.svg': 'image/svg+xml',
};

export interface BenchServerParams {
  distDir: string;
  modelDir: string;
  studyDir: string;
  /** Study file names the server may serve. */
  studyNames: readonly string[];
  /** Builds the page configuration (URLs relative to the origin). */
  config: PageConfig;
}

export interface BenchServer {
  origin: string;
  /** Outputs POSTed by the page, by backend id. */
  outputs: Map<string, Buffer>;
  requests: string[];
  close(): Promise<void>;
}

/** Resolves `rel` inside `root`, or undefined if it would leave it. */
function inside(root: string, rel: string): string | undefined {
  const base = resolve(root);
  const path = normalize(join(base, decodeURIComponent(rel)));
  return path.startsWith(base + sep) && existsSync(path) && statSync(path).isFile()
    ? path
    : undefined;
}

export async function startBenchServer(p: BenchServerParams): Promise<BenchServer> {
  const outputs = new Map<string, Buffer>();
  const requests: string[] = [];
  const studyNames = new Set(p.studyNames);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);

    if (req.method === 'POST' && url.pathname.startsWith('/bench-out/')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        outputs.set(url.pathname.slice('/bench-out/'.length), Buffer.concat(chunks));
        res.writeHead(204).end();
      });
      return;
    }
    if (url.pathname === '/bench-config.json') {
      res.writeHead(200, { 'content-type': MIME['.json'] });
      res.end(JSON.stringify(p.config));
      return;
    }

    let file: string | undefined;
    if (url.pathname.startsWith('/bench-model/')) {
      file = inside(p.modelDir, url.pathname.slice('/bench-model/'.length));
    } else if (url.pathname.startsWith('/bench-data/')) {
      const name = decodeURIComponent(url.pathname.slice('/bench-data/'.length));
      file = studyNames.has(name) ? inside(p.studyDir, name) : undefined;
    } else {
      const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      file = inside(p.distDir, rel);
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    outputs,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
