// Installs the tarball `npm pack` makes, as a consumer would, and checks what issue 6 promises:
// the exports resolve, with types (tsc, nodenext), the Maps SDK adapter accepts the real
// IdentityManager's type, no browser entry bundles @arcgis/core, and the dev portal runs on plain Node.
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
await portal.close();
if (!info.owningSystemUrl) throw new Error("the packed dev portal did not answer /info");
`,
  );
  run(process.execPath, ["run.mjs"], { cwd: consumer });
  console.log(
    "package check: the packed exports ./shell, ./sdk, ./maps-sdk, ./dev-portal resolve with types and run",
  );
} catch (error) {
  console.error(`package check failed: ${error.stdout ?? ""}${error.stderr ?? ""}${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(consumer, { recursive: true, force: true });
  rmSync(packDir, { recursive: true, force: true });
}
