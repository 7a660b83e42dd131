import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      // serve.js is the same service for a browser (npm run serve), built like the app's main
      // process instead of stripped of its types at every start.
      rolldownOptions: { input: { index: resolve('src/main/index.ts'), serve: resolve('src/service/serve.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module, and cannot require packages: one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      // electron-vite leaves the renderer unminified; a browser on a classroom network should not pay for that.
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
