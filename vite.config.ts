import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer's import aliases, as tsconfig.web.json's paths declare them (vitest uses them too). */
export const RENDERER_ALIASES = {
  '@/': `${resolve(import.meta.dirname, 'renderer/src')}/`,
  '@shared/': `${resolve(import.meta.dirname, 'shared')}/`,
};

// The renderer only; main, preload, CLI and the browser-shell client are bundled by
// scripts/build.mjs with rolldown. `base: './'` lets Electron load it from file://.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: RENDERER_ALIASES },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
