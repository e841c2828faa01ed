import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { serveModels } from './scripts/vite/serveModels';

// Cornerstone's DICOM loader ships web workers and WASM codecs that Vite's
// dependency pre-bundler must not touch in dev; its CommonJS glue must be.
export default defineConfig({
  // /models/… (networks, manifests, model cards) from models/, in dev and in dist.
  plugins: [react(), serveModels(fileURLToPath(new URL('./models', import.meta.url)))],
  worker: { format: 'es' },
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      'dicom-parser',
      '@cornerstonejs/core',
      '@cornerstonejs/metadata',
      '@cornerstonejs/utils',
    ],
  },
  server: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    // The app, and the inference benchmark page that `npm run bench` drives.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        bench: fileURLToPath(new URL('./bench.html', import.meta.url)),
      },
    },
  },
});
