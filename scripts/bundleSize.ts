/**
 * Gzip size of a module bundled with everything it imports, the way an app ships it: Vite 8's
 * production build (rolldown, full minification). Used by the size tests and `npm run bench`.
 *
 * Not counted: the bundler's own loader for `import()` (Vite's preload helper here, about 0.7 KB
 * gzip; webpack's chunk loader elsewhere). Every bundled app that splits its code has one, and a
 * micro-frontend root loads its apps through `import()`, so adding the shell adds none; counting
 * it would charge the shell for the host's bundler. It is swapped for a plain call.
 */
import { gzipSync } from "node:zlib";
import { build, type Plugin, type Rolldown } from "vite";

/** Sizes of one bundle in bytes: all its chunks, and what loads first (`firstLoad`). */
export interface BundleSize {
  /** All chunks, minified. */
  minified: number;
  /** All chunks together (one gzip -9 stream, in load order). */
  gzip: number;
  /** Each chunk gzip -9 on its own, summed: what a browser downloads when every chunk loads. */
  gzipPerChunk: number;
  /** The entry chunk with the chunks it imports statically (not the `import()`-ed ones), gzip -9. */
  firstLoad: number;
  /** All chunks' code. */
  code: string;
  /** The first load's code. */
  firstLoadCode: string;
}

const gzipSize = (code: string) => gzipSync(code, { level: 9 }).length;

/** The id of Vite's preload helper (its build import analysis wraps every `import()` in it). */
const VITE_PRELOAD_HELPER = "\0vite/preload-helper.js";

/** Vite's loader for `import()` as a plain call: the host's bundler runtime, not the module's. */
function withoutLoaderRuntime(): Plugin {
  return {
    name: "bundle-size:without-loader-runtime",
    enforce: "pre",
    load(id) {
      return id === VITE_PRELOAD_HELPER ? "export const __vitePreload = (load) => load();" : null;
    },
  };
}

/**
 * The chunks in the order a browser loads them: the entry chunk and every chunk it reaches through
 * static imports (the first load), then each chunk loaded through `import()` with its own static
 * imports, breadth first. A fixed order, because the whole bundle is measured as one gzip stream and
 * gzip's figure depends on the order of its input (by a few hundred bytes here), while the output
 * order of the chunks follows their names.
 */
function inLoadOrder(chunks: Rolldown.OutputChunk[]): {
  firstLoad: Rolldown.OutputChunk[];
  all: Rolldown.OutputChunk[];
} {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const reached = new Set<Rolldown.OutputChunk>();
  const later: Rolldown.OutputChunk[] = [];
  const visit = (chunk: Rolldown.OutputChunk | undefined) => {
    if (chunk === undefined || reached.has(chunk)) return;
    reached.add(chunk);
    for (const name of chunk.imports) visit(byName.get(name));
    for (const name of chunk.dynamicImports) {
      const loaded = byName.get(name);
      if (loaded !== undefined) later.push(loaded);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  const firstLoad = [...reached];
  for (let i = 0; i < later.length; i++) visit(later[i]);
  // Chunks nothing reaches (none expected) go last rather than unmeasured.
  return { firstLoad, all: [...reached, ...chunks.filter((chunk) => !reached.has(chunk))] };
}

/** Bundles `entry` (a path from the repo root) and returns its minified and gzip -9 sizes in bytes. */
export async function bundleSize(entry: string): Promise<BundleSize> {
  const output = await build({
    configFile: false,
    logLevel: "silent",
    plugins: [withoutLoaderRuntime()],
    build: {
      write: false,
      minify: true,
      modulePreload: false,
      rolldownOptions: { input: entry, preserveEntrySignatures: "exports-only" },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunks = results
    .flatMap((result) => ("output" in result ? result.output : []))
    .filter((file): file is Rolldown.OutputChunk => file.type === "chunk");
  const ordered = inLoadOrder(chunks);
  const code = ordered.all.map((chunk) => chunk.code).join("\n");
  const firstLoadCode = ordered.firstLoad.map((chunk) => chunk.code).join("\n");
  return {
    minified: code.length,
    gzip: gzipSize(code),
    gzipPerChunk: ordered.all.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0),
    firstLoad: gzipSize(firstLoadCode),
    code,
    firstLoadCode,
  };
}
