import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CSP_META } from './shared/csp.ts';

/** The CSP meta tag gets its policy from shared/csp.ts, the one place it is written. */
const csp: Plugin = {
  name: 'taofolio-csp',
  transformIndexHtml: (html) => html.replace('%TAOFOLIO_CSP%', CSP_META),
};

// The renderer is built once and served by both hosts: Electron (file://, hence relative base)
// and the web host.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [csp],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query ships "use client" directives, meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      // The libraries in chunks of their own, so no chunk passes Vite's 500 kB warning (the UI loads
      // from disk or 127.0.0.1, so size is not download time here). The charts (recharts and what it
      // uses) are the largest; React next; the rest of node_modules together.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'charts',
              test: /[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|decimal\.js-light|@reduxjs|redux|reselect|immer|es-toolkit|eventemitter3)[\\/]/,
              priority: 3,
            },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
