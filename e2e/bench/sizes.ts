/**
 * The size budgets (README "Performance"): our callback script, SDK and shell beside the peers' equivalents, every one built
 * by Vite 8 (rolldown, full minify) and measured as gzip -9 bytes (scripts/bundleSize.ts: the
 * bundler's loader for `import()` is not counted). The entries in e2e/bench/entries/ import
 * exactly the API a real page of that kind calls.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { bundleSize } from "../../scripts/bundleSize.ts";
import type { Row } from "./row.ts";

const entry = (name: string) => `e2e/bench/entries/${name}.ts`;

/** The deployable callback page (callback/vite.config.ts, built in memory): file name → content. */
export async function buildCallbackPage(): Promise<Map<string, string>> {
  const output = await build({
    configFile: fileURLToPath(new URL("../../callback/vite.config.ts", import.meta.url)),
    logLevel: "silent",
    build: { write: false },
  });
  const files = (Array.isArray(output) ? output : [output]).flatMap((r) => ("output" in r ? r.output : []));
  return new Map(
    files.map((file: Rolldown.OutputChunk | Rolldown.OutputAsset) => [
      file.fileName,
      file.type === "chunk" ? file.code : String(file.source),
    ]),
  );
}

/** Gzip -9 bytes of all the script chunks of the built callback page. */
async function callbackScriptGzip(): Promise<number> {
  const files = await buildCallbackPage();
  const code = [...files]
    .filter(([name]) => name.endsWith(".js"))
    .map(([, code]) => code)
    .join("");
  return gzipSync(code, { level: 9 }).length;
}

interface SizeSpec {
  section: string;
  name: string;
  /** Absent: the row is listed as "not measured yet" (the note says why). */
  measure?: () => Promise<number>;
  budget?: number;
  note?: string;
}

const gzipOf = (path: string) => async () => (await bundleSize(path)).gzip;

const CALLBACK = "callback page script, gzip";
const SDK = "SDK with its dependencies, gzip";
const SHELL = "shell with its dependencies, gzip";
const MAPS_ADAPTER = "Maps SDK adapter, gzip";

/** What is measured, in table order. */
const SIZES: SizeSpec[] = [
  {
    section: CALLBACK,
    name: "ours: callback/callback.html script",
    measure: callbackScriptGzip,
    budget: 6000,
  },
  {
    section: CALLBACK,
    name: "peer: MSAL v5 redirect-bridge",
    measure: gzipOf(entry("msal-redirect-bridge")),
  },
  {
    section: CALLBACK,
    name: "peer: rest-js completeOAuth2",
    measure: gzipOf(entry("restjs-complete-oauth2")),
  },
  {
    section: CALLBACK,
    name: "peer: oidc-client-ts signinPopupCallback",
    measure: gzipOf(entry("oidc-popup-callback")),
  },
  { section: SDK, name: "ours: sdk/index.ts", measure: gzipOf("sdk/index.ts"), budget: 4500 },
  { section: SDK, name: "peer: rest-js fromParent child", measure: gzipOf(entry("restjs-from-parent")) },
  {
    section: SDK,
    name: "peer: penpal connect + WindowMessenger",
    measure: gzipOf(entry("penpal-transport")),
    note: "transport only",
  },
  {
    section: SHELL,
    name: "ours: a host's first load (createAuthShell)",
    measure: async () => (await bundleSize(entry("shell-host"))).firstLoad,
    budget: 10000,
    note: "create the shell, restore a session (e2e/bench/entries/shell-host.ts): the entry chunk and its static imports",
  },
  {
    section: SHELL,
    name: "ours: shell/index.ts, every export, first load",
    measure: async () => (await bundleSize("shell/index.ts")).firstLoad,
    note: "informative: with the exports a host that creates the shell does not import (embeddedAppUrl, error classes)",
  },
  {
    section: SHELL,
    name: "ours: shell/index.ts, all chunks",
    measure: gzipOf("shell/index.ts"),
    budget: 16000,
    note: "with the parts loaded on first use; the chunks in load order as one gzip stream",
  },
  {
    section: SHELL,
    name: "ours: shell/index.ts, all chunks, each gzipped on its own",
    measure: async () => (await bundleSize("shell/index.ts")).gzipPerChunk,
    note: "informative: what a browser downloads when every chunk loads (each chunk is its own response)",
  },
  { section: SHELL, name: "peer: oidc-client-ts UserManager", measure: gzipOf(entry("oidc-client")) },
  { section: SHELL, name: "peer: auth0-spa-js 2.20 client", measure: gzipOf(entry("auth0-client")) },
  { section: SHELL, name: "peer: MSAL v5 loginPopup", measure: gzipOf(entry("msal-login-popup")) },
  {
    section: MAPS_ADAPTER,
    name: "ours: maps-sdk/index.ts",
    measure: gzipOf("maps-sdk/index.ts"),
    budget: 1500,
    note: "bindIdentityManager alone: the app brings @arcgis/core and the SDK client",
  },
];

/** Builds every entry one after the other (2-core machine) and returns the size rows. */
export async function measureSizes(log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const spec of SIZES) {
    const value = spec.measure ? await spec.measure() : null;
    log(`size ${spec.name}: ${value ?? "not measured yet"} B`);
    rows.push({
      section: spec.section,
      name: spec.name,
      value,
      unit: "B",
      ...(spec.budget === undefined ? {} : { budget: spec.budget }),
      ...(spec.note === undefined ? {} : { note: spec.note }),
    });
  }
  return rows;
}
