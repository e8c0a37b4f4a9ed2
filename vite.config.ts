import { defineConfig } from 'vite';

// The browser app (web/) reuses sim/ and agent/ unchanged; `npx vite` serves it, `npx vite build` bundles it.
export default defineConfig({
  root: '.',
  publicDir: 'public',
  build: { outDir: 'dist', target: 'es2022' },
  server: { host: '127.0.0.1' },
});
