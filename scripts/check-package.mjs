// Installs the tarball `npm pack` makes, as a consumer would, and checks what issue 6 promises:
// the exports resolve, with types (tsc, nodenext), the Maps SDK adapter accepts the real
// IdentityManager's type, no browser entry bundles @arcgis/core, the dev portal runs on plain Node,
// and the deployable callback page trusts its own origin only (an empty openers list).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Inside the repo so the package's own dependencies resolve from node_modules, as they would
// after `npm install arcgis-auth-shell`.
const consumer = ".pack-check";
const installed = join(consumer, "node_modules", "arcgis-auth-shell");
rmSync(consumer, { recursive: true, force: true });
mkdirSync(installed, { recursive: true });
const packDir = mkdtempSync(join(tmpdir(), "arcgis-auth-shell-pack-"));
const run = (command, args, options = {}) =>
  execFileSync(command, args, { stdio: "pipe", encoding: "utf8", ...options });

try {
  run("npm", ["pack", "--silent", "--pack-destination", packDir]);
  const tarball = readdirSync(packDir).find((name) => name.endsWith(".tgz"));
  run("tar", ["-xzf", join(packDir, tarball), "-C", installed, "--strip-components=1"]);
  const files = run("tar", ["-tzf", join(packDir, tarball)]);
  if (/package\/dist\/demo\//.test(files)) throw new Error("the package ships the demo");
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
import { type RunningPortal, startPortal } from "arcgis-auth-shell/dev-portal";
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
    `const { startPortal } = await import("arcgis-auth-shell/dev-portal");
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
  console.log(
    "package check: the packed exports ./shell, ./sdk, ./maps-sdk, ./dev-portal resolve with types and run (Koop layers included)",
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
