import { createReadStream, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";
import type { Plugin } from "vite";

/**
 * Serves `@arcgis/core`'s assets (`esriConfig.assetsPath = "/node_modules/@arcgis/core/assets"`)
 * as they are on disk. Vite's dev server would rewrite the worker chunks there (it adds an
 * `import` to any JavaScript with a dynamic `import()`), and the Maps SDK loads them with
 * `importScripts` in a classic worker, where an `import` statement is a syntax error. The built
 * demo (examples/vite.demo.config.ts) takes them from the same place under `vite preview`.
 */

const PREFIX = "/node_modules/@arcgis/core/assets/";
const ROOT = resolve("node_modules/@arcgis/core/assets");

const contentTypes: Record<string, string> = {
  ".js": "text/javascript",
  ".json": "application/json",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".pbf": "application/x-protobuf",
  ".glb": "model/gltf-binary",
};

/** The Vite plugin, for the dev server and `vite preview`; other paths go on to Vite untouched. */
export function arcgisAssets(): Plugin {
  return {
    name: "arcgis-auth-shell:arcgis-assets",
    configureServer(server) {
      server.middlewares.use(serveAssets);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveAssets);
    },
  };
}

function serveAssets(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
  const file = path.startsWith(PREFIX) ? resolve(ROOT, path.slice(PREFIX.length)) : "";
  const size = file.startsWith(ROOT + sep) ? statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!size?.isFile()) {
    next();
    return;
  }
  res.setHeader("Content-Type", contentTypes[extname(file)] ?? "application/octet-stream");
  res.setHeader("Content-Length", size.size);
  createReadStream(file).pipe(res);
}
