import { defineConfig } from 'vite';
import { serveModelsPlugin } from './web/live/serve-models-plugin.ts';

// The browser app (index.html, web/) reuses the browser-safe modules of sim/, scenarios/ and agent/ (never node:*): `npm run dev`
// serves it, `npm run build` bundles it into dist/ (any static server can serve that, offline).
export default defineConfig({
  root: '.',
  publicDir: 'public',
  // The Live view: /models/ and /ort/ routes and cross-origin isolation (web/live/serve-models-plugin.ts).
  plugins: [serveModelsPlugin()],
  worker: { format: 'es' },
  // Sandboxed harness parts (agent/harness/sandbox/): the dev server's pre-bundling would break the
  // QuickJS variant's `new URL('emscripten-module.wasm', import.meta.url)`; `vite build` handles it.
  optimizeDeps: { exclude: ['@jitl/quickjs-wasmfile-release-sync'] },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // pixi.js + zod + the simulator: one ~600 kB chunk (the renderers are split off by pixi itself).
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's /* @__PURE__ */ comments in positions Rollup ignores: harmless, and noisy.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1' },
});
