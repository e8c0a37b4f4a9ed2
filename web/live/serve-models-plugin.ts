/**
 * A Vite plugin for the Live view: the app itself serves what a model in the page needs, so no
 * request leaves the origin.
 * - `/models/<path>` — files of the Hearth models directory (agent/models/catalog/models-dir.ts:
 *   `HEARTH_MODELS_DIR`, else ~/.cache/hearth/models): a GGUF for wllama, an exported ONNX folder
 *   for transformers.js.
 * - `/ort/<file>` — onnxruntime-web's wasm and loader files from node_modules (transformers.js).
 * - every response gets COOP/COEP (`same-origin` / `require-corp`): the page is cross-origin
 *   isolated, so SharedArrayBuffer exists and wllama can run threads.
 * Both `vite` (dev) and `vite preview` get the routes. A static copy of `npm run build` (dist/) has
 * no models: serve it with `vite preview`, or copy the model files into dist/models/ and have the
 * static server send the two headers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { modelsDir } from '../../agent/models/catalog/models-dir.ts';

/** The headers that make a page cross-origin isolated. */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } as const;

const TYPES: Record<string, string> = {
  '.gguf': 'application/octet-stream', '.onnx': 'application/octet-stream', '.onnx_data': 'application/octet-stream',
  '.json': 'application/json', '.wasm': 'application/wasm', '.mjs': 'text/javascript', '.js': 'text/javascript',
};

const ortDist = fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url));

/** Serves `folder`'s files under `prefix`; paths outside the folder, and missing files, are 404s. */
function serveFolder(prefix: string, folder: () => string, allowed: (file: string) => boolean): Connect.NextHandleFunction {
  return (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) return next();
    const root = path.resolve(folder());
    const file = path.resolve(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    const inside = file.startsWith(root + path.sep);
    if (!inside || !allowed(file) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain', ...ISOLATION_HEADERS });
      response.end(`not found: ${url.pathname} (the app serves ${prefix}… from ${root}; fetch models with \`hearth models fetch <id>\`)`);
      return;
    }
    const size = fs.statSync(file).size;
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'no-cache',
      ...ISOLATION_HEADERS,
    });
    if (request.method === 'HEAD') return void response.end();
    fs.createReadStream(file).pipe(response);
  };
}

/** The plugin: model and onnxruntime routes plus isolation headers, in dev and preview. */
export function serveModelsPlugin(): Plugin {
  const install = (middlewares: Connect.Server): void => {
    middlewares.use(serveFolder('/models/', () => modelsDir(), () => true));
    middlewares.use(serveFolder('/ort/', () => ortDist, (file) => /\.(wasm|mjs)$/.test(file)));
  };
  return {
    name: 'hearth-serve-models',
    config: () => ({ server: { headers: { ...ISOLATION_HEADERS } }, preview: { headers: { ...ISOLATION_HEADERS } } }),
    configureServer: (server) => install(server.middlewares),
    configurePreviewServer: (server) => install(server.middlewares),
  };
}
