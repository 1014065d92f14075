// `npm run build` of the dev portal: plain Node JavaScript and declarations in dist/ (one file per
// module, as TypeScript emits them), and the servers' GeoJSON layers beside them in dist/data/,
// where the built geoservices.js reads them.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });

const tsc = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: here, stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// TypeScript rewrites `./x.ts` to `./x.js` in the JavaScript but not in the declarations;
// published declarations point at `.js`, like the JavaScript beside them.
for (const name of readdirSync(dist)) {
  if (!name.endsWith(".d.ts")) continue;
  const file = join(dist, name);
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/(from\s+["']\.{1,2}\/[^"']*?)\.ts(["'])/g, "$1.js$2"));
}

cpSync(join(here, "data"), join(dist, "data"), { recursive: true });
console.log("built examples/portal/dist/: the dev portal for plain Node, with declarations and data");
