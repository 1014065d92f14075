/**
 * Gzip size of a module bundled with everything it imports, the way an app ships it: Vite 8's
 * production build (rolldown, full minification). Used by the size tests and `npm run bench`.
 */
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";

/** Bundles `entry` (a path from the repo root) and returns its minified and gzip -9 sizes in bytes. */
export async function bundleSize(entry: string): Promise<{ minified: number; gzip: number; code: string }> {
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
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, code };
}
