import { defineConfig, type Plugin } from "vitest/config";
import { demoOpenersPlugin } from "./examples/demoOpeners.ts";
import { arcgisAssets } from "./vite-arcgis-assets.ts";

/**
 * Pretty URLs of the README's fixed addresses mapped onto the source tree: `/callback.html` is the callback page,
 * `/` the demo host. The same config serves both origins (localhost:5173 and 127.0.0.1:5174);
 * only the port and host differ (see playwright.config.ts and scripts/start.mjs). The callback
 * page served here trusts both demo origins as openers (examples/demoOpeners.ts); the shipped
 * page trusts none.
 */
const pageRoutes: Record<string, string> = {
  "/": "/examples/host/index.html",
  "/index.html": "/examples/host/index.html",
  "/callback.html": "/callback/callback.html",
};

function pageRoutesPlugin(): Plugin {
  return {
    name: "arcgis-auth-shell:page-routes",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? "/";
        const queryAt = url.indexOf("?");
        const path = queryAt === -1 ? url : url.slice(0, queryAt);
        const target = pageRoutes[path];
        if (target) req.url = target + (queryAt === -1 ? "" : url.slice(queryAt));
        next();
      });
    },
  };
}

export default defineConfig({
  appType: "mpa",
  plugins: [pageRoutesPlugin(), demoOpenersPlugin(), arcgisAssets()],
  server: { port: 5173, strictPort: true, host: "localhost" },
  preview: { port: 5173, strictPort: true, host: "localhost" },
  test: {
    include: [
      "protocol/**/*.test.ts",
      "shell/**/*.test.ts",
      "sdk/**/*.test.ts",
      "maps-sdk/**/*.test.ts",
      "callback/**/*.test.ts",
      "examples/**/*.test.ts",
      "e2e/bench/**/*.test.ts",
      "e2e/support/**/*.test.ts",
    ],
    environment: "node",
    // One module graph per worker instead of one per file: the unit stage takes half the time
    // (about 24 s instead of 47 s on 2 cores). Every test restores what it changes (timers,
    // globals); unstubGlobals is the safety net for the globals, and the suite passes with its
    // files in any order (`npx vitest run --sequence.shuffle.files`).
    isolate: false,
    unstubGlobals: true,
  },
});
