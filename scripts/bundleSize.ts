/**
 * Gzip size of a module bundled with everything it imports, the way an app ships it: Vite 8's
 * production build (rolldown, full minification). Used by the size tests and `npm run bench`.
 */
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";

/** Sizes of one bundle in bytes: all its chunks, and what loads first (`firstLoad`). */
export interface BundleSize {
  /** All chunks, minified. */
  minified: number;
  /** All chunks together, gzip -9. */
  gzip: number;
  /** The entry chunk with the chunks it imports statically (not the `import()`-ed ones), gzip -9. */
  firstLoad: number;
  /** All chunks' code. */
  code: string;
  /** The first load's code. */
  firstLoadCode: string;
}

const gzipSize = (code: string) => gzipSync(code, { level: 9 }).length;

/** The entry chunk and every chunk it reaches through static imports. */
function firstLoadChunks(chunks: Rolldown.OutputChunk[]): Rolldown.OutputChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const reached = new Set<Rolldown.OutputChunk>();
  const visit = (chunk: Rolldown.OutputChunk | undefined) => {
    if (chunk === undefined || reached.has(chunk)) return;
    reached.add(chunk);
    for (const name of chunk.imports) visit(byName.get(name));
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return [...reached];
}

/** Bundles `entry` (a path from the repo root) and returns its minified and gzip -9 sizes in bytes. */
export async function bundleSize(entry: string): Promise<BundleSize> {
  const output = await build({
    configFile: false,
    logLevel: "silent",
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
  const code = chunks.map((chunk) => chunk.code).join("\n");
  const firstLoadCode = firstLoadChunks(chunks)
    .map((chunk) => chunk.code)
    .join("\n");
  return {
    minified: code.length,
    gzip: gzipSize(code),
    firstLoad: gzipSize(firstLoadCode),
    code,
    firstLoadCode,
  };
}
