/**
 * Build of the deployable callback page: `vite build --config callback/vite.config.ts` writes
 * dist/callback/callback.html with its hashed script beside it, referenced by a relative URL, so
 * the folder can be copied under any path of any origin.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const callbackDir = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  // Root is callback/ so the page lands at dist/callback/callback.html, not one folder deeper.
  root: callbackDir,
  base: "./",
  publicDir: false,
  logLevel: "warn",
  resolve: {
    // The page's script tag is absolute (/callback/callback.ts) because the dev server serves the
    // repo root; with callback/ as root, map that path back onto this folder.
    alias: [{ find: /^\/callback\//, replacement: callbackDir }],
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/callback", import.meta.url)),
    emptyOutDir: true,
    assetsDir: "",
    // No module-preload polyfill: it would be an inline script, which the page's CSP forbids.
    modulePreload: false,
    rolldownOptions: { input: fileURLToPath(new URL("callback.html", import.meta.url)) },
  },
});
