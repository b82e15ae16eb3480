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
    rollupOptions: {
      onwarn(warning, warn) {
        // React Query ships "use client" directives, meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
