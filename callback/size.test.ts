/**
 * Builds the deployable callback page with callback/vite.config.ts (in memory) and checks what
 * the README ("API", "Performance") promise about it: one relative, external module script (the CSP forbids inline
 * script), no zod in the bundle, and at most 6,000 bytes of gzip-9 JavaScript.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { beforeAll, describe, expect, it } from "vitest";

const BUDGET_BYTES = 6000;

let html = "";
let scripts: Rolldown.OutputChunk[] = [];
let fileNames: string[] = [];

beforeAll(async () => {
  const output = await build({
    configFile: fileURLToPath(new URL("vite.config.ts", import.meta.url)),
    logLevel: "silent",
    build: { write: false },
  });
  const outputs = Array.isArray(output) ? output : [output];
  const files = outputs.flatMap((result) => ("output" in result ? result.output : []));
  fileNames = files.map((file) => file.fileName);
  scripts = files.filter((file): file is Rolldown.OutputChunk => file.type === "chunk");
  const page = files.find((file) => file.fileName === "callback.html");
  html = page?.type === "asset" ? String(page.source) : "";
}, 60_000);

describe("callback page build", () => {
  it("writes callback.html with its hashed script beside it", () => {
    expect(fileNames).toContain("callback.html");
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.fileName).toMatch(/^callback-[\w-]+\.js$/);
  });

  it("references the script relatively, with no inline script", () => {
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags).toEqual([`<script type="module" crossorigin src="./${scripts[0]?.fileName}">`]);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain("script-src 'self'");
  });

  it("trusts its own origin only: the openers list is there, and empty", () => {
    expect(html).toContain('<meta name="arcgis-auth-shell:openers" content="">');
  });

  it(`stays within ${BUDGET_BYTES} bytes gzip and bundles no zod`, () => {
    const code = scripts.map((chunk) => chunk.code).join("");
    expect(code).not.toMatch(/zod|_zod|ZodError/);
    const gzipBytes = gzipSync(code, { level: 9 }).length;
    console.log(`callback page script: ${code.length} B, ${gzipBytes} B gzip -9 (budget ${BUDGET_BYTES})`);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
