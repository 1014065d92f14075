/**
 * Build of the demo (`npx vite build --config examples/vite.demo.config.ts`, also run by
 * `npm run build`): every page of both origins into dist/demo/, keeping the repo's paths
 * (`/examples/host/index.html`, `/examples/apps/…`, `/callback/callback.html`), because the host
 * names the iframe apps by those paths. `vite preview` with this config serves the dev server's
 * short routes too (`/` and `/callback.html`), so the built demo answers at the same URLs.
 * The demo's copy of the callback page trusts the demo's two origins (examples/demoOpeners.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { arcgisAssets } from "../vite-arcgis-assets.ts";
import { demoOpenersPlugin } from "./demoOpeners.ts";

const repo = fileURLToPath(new URL("..", import.meta.url));
const page = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The short URLs of the README's fixed addresses, as vite.config.ts maps them for the dev server. */
const shortRoutes: Record<string, string> = {
  "/": "/examples/host/index.html",
  "/index.html": "/examples/host/index.html",
  "/callback.html": "/callback/callback.html",
};

function previewRoutes(): Plugin {
  return {
    name: "arcgis-auth-shell:demo-preview-routes",
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? "/";
        const queryAt = url.indexOf("?");
        const target = shortRoutes[queryAt === -1 ? url : url.slice(0, queryAt)];
        if (target) req.url = target + (queryAt === -1 ? "" : url.slice(queryAt));
        next();
      });
    },
  };
}

export default defineConfig({
  root: repo,
  appType: "mpa",
  publicDir: false,
  // The Maps SDK's assets are not copied into dist/demo (84 MB): `vite preview` serves them from
  // node_modules at the path the map apps name (vite-arcgis-assets.ts).
  plugins: [previewRoutes(), demoOpenersPlugin(), arcgisAssets()],
  preview: { port: 5173, strictPort: true, host: "localhost" },
  build: {
    outDir: page("dist/demo"),
    emptyOutDir: true,
    // No module-preload polyfill: it is an inline script, which the callback page's CSP forbids.
    modulePreload: false,
    rolldownOptions: {
      input: {
        host: page("examples/host/index.html"),
        second: page("examples/host/second.html"),
        embedded: page("examples/apps/embedded/index.html"),
        restjs: page("examples/apps/restjs/index.html"),
        mapsEmbedded: page("examples/apps/maps-embedded/index.html"),
        callback: page("callback/callback.html"),
      },
    },
  },
});
