// `npm run build` of the library package: library builds of the shell, the SDK and the Maps SDK
// adapter with declarations, the deployable callback page, and the demo. The dev portal is its own
// package (examples/portal/build.mjs), built after this by the root `npm run build`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build } from "vite";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const runtimeDependencies = Object.keys(pkg.dependencies ?? {});
const isExternal = (id) =>
  id.startsWith("node:") ||
  builtinModules.includes(id) ||
  runtimeDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

rmSync("dist", { recursive: true, force: true });

// 1. The browser libraries: their runtime dependencies stay imports, as a library's should.
await build({
  configFile: false,
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        "shell/index": "shell/index.ts",
        "sdk/index": "sdk/index.ts",
        "maps-sdk/index": "maps-sdk/index.ts",
      },
      formats: ["es"],
    },
    rolldownOptions: { external: isExternal, output: { chunkFileNames: "chunks/[name]-[hash].js" } },
  },
});

// 2. The deployable callback page (its own config keeps its script tiny and CSP-clean).
await build({ configFile: "callback/vite.config.ts", logLevel: "warn" });

// 3. The demo (multi-page).
if (existsSync("examples/vite.demo.config.ts")) {
  await build({ configFile: "examples/vite.demo.config.ts", logLevel: "warn" });
}

// 4. Declarations: TypeScript emits them with the `.ts` specifiers of the sources; published
// declarations point at `.js`, like the JavaScript beside them.
const tsc = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const file of walk("dist/types")) {
  if (!file.endsWith(".d.ts")) continue;
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/(from\s+["']\.{1,2}\/[^"']*?)\.ts(["'])/g, "$1.js$2"));
}
const entryTypes = {
  "dist/shell/index.d.ts": "../types/shell/index.js",
  "dist/sdk/index.d.ts": "../types/sdk/index.js",
  "dist/maps-sdk/index.d.ts": "../types/maps-sdk/index.js",
};
for (const [file, target] of Object.entries(entryTypes)) {
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, `export * from "${target}";\n`);
}
console.log("built dist/: shell, sdk, maps-sdk, callback, demo, types");

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
