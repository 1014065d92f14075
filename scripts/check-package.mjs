// Installs the tarballs `npm pack` makes, as a consumer would, and checks what the packages
// promise: the library's exports resolve, with types (tsc, nodenext), the Maps SDK adapter accepts
// the real IdentityManager's type, the library ships browser code only (no dev portal, no Node
// server dependency, no test double, no demo, no @arcgis/core bundled), the deployable callback
// page trusts its own origin only (an empty openers list), and the dev portal's own package
// imports and runs on plain Node.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Inside the repo so the packages' own dependencies resolve from node_modules, as they would
// after `npm install arcgis-auth-shell @arcgis-auth-shell/dev-portal`.
const consumer = ".pack-check";
const installed = join(consumer, "node_modules", "arcgis-auth-shell");
const installedPortal = join(consumer, "node_modules", "@arcgis-auth-shell", "dev-portal");
rmSync(consumer, { recursive: true, force: true });
mkdirSync(installed, { recursive: true });
mkdirSync(installedPortal, { recursive: true });
const packDir = mkdtempSync(join(tmpdir(), "arcgis-auth-shell-pack-"));
const run = (command, args, options = {}) =>
  execFileSync(command, args, { stdio: "pipe", encoding: "utf8", ...options });

/** The browser library's runtime dependencies: nothing a server or a test needs. */
const LIBRARY_DEPENDENCIES = ["comlink", "nanoevents", "zod"];
const LIBRARY_EXPORTS = ["./maps-sdk", "./sdk", "./shell"];
/** Paths that must not be in the library's tarball, nor among its source maps' sources. */
const NOT_IN_LIBRARY = [
  [/(^|\/)dist\/demo\//, "the demo"],
  [/(^|\/)(dev-portal|examples)\//, "the dev portal or the examples"],
  [/(^|\/)testing\/|test-support|parseTesting|\.test\.|fake[A-Z]/, "a test double or a test"],
];

try {
  const libraryFiles = pack([], installed);
  const portalFiles = pack(["--workspace", "@arcgis-auth-shell/dev-portal"], installedPortal);
  checkLibraryContents(libraryFiles);
  checkPortalContents(portalFiles);
  checkCallbackOpeners(readFileSync(join(installed, "dist", "callback", "callback.html"), "utf8"));
  // @arcgis/core is an optional peer: the app brings it; no shipped browser code may import it.
  for (const entry of ["shell", "sdk", "maps-sdk"]) {
    const code = readFileSync(join(installed, "dist", entry, "index.js"), "utf8");
    if (code.includes("@arcgis/core")) throw new Error(`dist/${entry} imports @arcgis/core`);
  }

  writeFileSync(
    join(consumer, "consumer.ts"),
    `import { type AuthShell, createAuthShell, AccessDeniedError } from "arcgis-auth-shell/shell";
import { type AuthClient, connectAuth, ShellUnavailableError } from "arcgis-auth-shell/sdk";
import { type RunningPortal, startPortal } from "@arcgis-auth-shell/dev-portal";
// @ts-expect-error the library no longer carries the dev portal
import type { startPortal as gone } from "arcgis-auth-shell/dev-portal";
import { bindIdentityManager } from "arcgis-auth-shell/maps-sdk";
import esriId from "@arcgis/core/identity/IdentityManager.js";
export const api: [typeof createAuthShell, typeof connectAuth, typeof startPortal] = [createAuthShell, connectAuth, startPortal];
export type Used = [AuthShell, AuthClient, RunningPortal, AccessDeniedError, ShellUnavailableError];
export const bind = (client: AuthClient): (() => void) => bindIdentityManager(esriId, client);
// @ts-expect-error the adapter needs an IdentityManager
bindIdentityManager({}, {} as AuthClient);
// A wrong use must be a type error, or the types resolved to "any".
// @ts-expect-error clientId is a string
createAuthShell({ clientId: 1, redirectUri: "https://app.example/callback.html" });
// @ts-expect-error ports are numbers
startPortal({ portalPort: "4100" });
`,
  );
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2023", "dom", "dom.iterable"],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ["consumer.ts"],
    }),
  );
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ type: "module", private: true }));
  run(join(process.cwd(), "node_modules", ".bin", "tsc"), ["-p", consumer]);

  writeFileSync(
    join(consumer, "run.mjs"),
    `const { startPortal } = await import("@arcgis-auth-shell/dev-portal");
const gone = await import("arcgis-auth-shell/dev-portal").then(() => null, (error) => error.code);
if (gone !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw new Error("arcgis-auth-shell/dev-portal: " + gone);
await import("arcgis-auth-shell/shell");
await import("arcgis-auth-shell/sdk");
await import("arcgis-auth-shell/maps-sdk");
const portal = await startPortal({ portalPort: 0, federatedPort: 0, standalonePort: 0 });
const info = await (await fetch(portal.urls.portal + "/info?f=json")).json();
const landmarks = portal.urls.standalone + "/rest/services/Landmarks/FeatureServer/0/query?where=1%3D1";
const counted = await (await fetch(landmarks + "&returnCountOnly=true&f=json")).json();
const pbf = await fetch(landmarks + "&outFields=*&f=pbf");
await portal.close();
if (!info.owningSystemUrl) throw new Error("the packed dev portal did not answer /info");
if (!(counted.count > 0)) throw new Error("the packed dev portal's Koop layer counted " + JSON.stringify(counted));
if (pbf.headers.get("content-type") !== "application/x-protobuf") throw new Error("the packed dev portal gave no pbf");
`,
  );
  run(process.execPath, ["run.mjs"], { cwd: consumer });
  console.log("package check: the packed exports ./shell, ./sdk, ./maps-sdk resolve with types and load");
  console.log(
    "package check: the library ships no dev portal, no server dependency, no test double, no demo",
  );
  console.log(
    "package check: the packed @arcgis-auth-shell/dev-portal resolves with types and runs on plain Node (Koop layers included)",
  );
  console.log("package check: the packed callback page trusts no opener but its own origin");
} catch (error) {
  console.error(`package check failed: ${error.stdout ?? ""}${error.stderr ?? ""}${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(consumer, { recursive: true, force: true });
  rmSync(packDir, { recursive: true, force: true });
}

/**
 * Every origin in the shipped page's openers list could receive any user's token from a
 * deployment that copies the page as it is: the list must be present (deployers fill it) and empty.
 */
function checkCallbackOpeners(html) {
  const metas = [...html.matchAll(/<meta\b[^>]*\bname=["']?arcgis-auth-shell:openers\b[^>]*>/gi)];
  if (metas.length !== 1)
    throw new Error(`the packed callback page has ${metas.length} openers metas, not 1`);
  const content = /\bcontent=(?:"([^"]*)"|'([^']*)')/i.exec(metas[0][0]);
  const list = content ? (content[1] ?? content[2] ?? "").trim() : null;
  if (list !== "") throw new Error(`the packed callback page trusts openers: ${metas[0][0]}`);
}

/** Packs one package into packDir, unpacks it at `target`, and returns its files' paths. */
function pack(workspaceArgs, target) {
  const before = new Set(readdirSync(packDir));
  run("npm", ["pack", "--silent", ...workspaceArgs, "--pack-destination", packDir]);
  const tarball = readdirSync(packDir).find((name) => name.endsWith(".tgz") && !before.has(name));
  if (!tarball) throw new Error(`npm pack ${workspaceArgs.join(" ")} made no tarball`);
  run("tar", ["-xzf", join(packDir, tarball), "-C", target, "--strip-components=1"]);
  return run("tar", ["-tzf", join(packDir, tarball)])
    .split("\n")
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ""));
}

/** The library is what a browser loads, its declarations and its callback page: nothing else. */
function checkLibraryContents(files) {
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  const dependencies = Object.keys(manifest.dependencies ?? {}).sort();
  if (dependencies.join() !== LIBRARY_DEPENDENCIES.join())
    throw new Error(`the library depends on ${dependencies.join(", ")}`);
  const exported = Object.keys(manifest.exports ?? {}).sort();
  if (exported.join() !== LIBRARY_EXPORTS.join())
    throw new Error(`the library exports ${exported.join(", ")}`);
  const sources = files
    .filter((file) => file.endsWith(".map"))
    .flatMap((file) => JSON.parse(readFileSync(join(installed, file), "utf8")).sources);
  for (const path of [...files, ...sources]) {
    for (const [pattern, what] of NOT_IN_LIBRARY) {
      if (pattern.test(path)) throw new Error(`the library ships ${what}: ${path}`);
    }
  }
  // No shipped script may need Node or a server package (hono, Koop).
  for (const file of files.filter((path) => path.endsWith(".js"))) {
    const code = readFileSync(join(installed, file), "utf8");
    const serverImport =
      /(?:\bfrom|\bimport)\s*\(?\s*["'](node:[^"']+|hono[^"']*|@hono\/[^"']+|@koopjs\/[^"']+)["']/.exec(code);
    if (serverImport) throw new Error(`${file} imports ${serverImport[1]}`);
  }
}

/** The dev portal's package: its built entry, CLI and data, no tests. */
function checkPortalContents(files) {
  for (const needed of ["dist/index.js", "dist/index.d.ts", "dist/cli.js", "dist/data/trees.geojson"]) {
    if (!files.includes(needed)) throw new Error(`the dev portal package lacks ${needed}`);
  }
  const stray = files.find((file) => /\.test\.|test-support|\.ts$(?<!\.d\.ts)/.test(file));
  if (stray) throw new Error(`the dev portal package ships ${stray}`);
}
