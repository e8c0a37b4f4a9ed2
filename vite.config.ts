import { defineConfig } from 'vite';

// The browser app (index.html, web/) reuses sim/, scenarios/ and agent/ unchanged: `npm run dev`
// serves it, `npm run build` bundles it into dist/ (any static server can serve that, offline).
export default defineConfig({
  root: '.',
  publicDir: 'public',
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
