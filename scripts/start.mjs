// `npm start`: the local portal and the two demo origins (README), with one Ctrl-C for all.
// With ARCGIS_PORTAL and ARCGIS_CLIENT_ID set, the demo targets that portal and no local portal starts.
import { spawn } from "node:child_process";

const realPortal = process.env.ARCGIS_PORTAL;
const realClientId = process.env.ARCGIS_CLIENT_ID;
if (Boolean(realPortal) !== Boolean(realClientId)) {
  console.error(
    "Set both ARCGIS_PORTAL and ARCGIS_CLIENT_ID to use a real portal, or neither for the local one.",
  );
  process.exit(1);
}

const demoEnv = {
  ...process.env,
  VITE_ARCGIS_PORTAL: realPortal ?? "http://localhost:4100/sharing/rest",
  VITE_ARCGIS_CLIENT_ID: realClientId ?? "arcgis-auth-shell-demo",
};

const services = [
  ...(realPortal
    ? []
    : [{ name: "portal", command: "node_modules/.bin/tsx", args: ["examples/portal/cli.ts"] }]),
  {
    name: "host",
    command: "node_modules/.bin/vite",
    args: ["--port", "5173", "--strictPort", "--host", "localhost"],
  },
  {
    name: "origin-2",
    command: "node_modules/.bin/vite",
    args: ["--port", "5174", "--strictPort", "--host", "127.0.0.1"],
  },
];

const children = [];
let stopping = false;

function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(exitCode), 300).unref();
}

for (const service of services) {
  const child = spawn(service.command, service.args, { env: demoEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const prefix = `[${service.name}] `;
  const relay = (stream, out) =>
    stream.on("data", (chunk) => {
      for (const line of String(chunk).split("\n")) if (line.trim()) out.write(`${prefix}${line}\n`);
    });
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on("exit", (code) => {
    if (stopping) return;
    console.error(`${prefix}stopped (exit ${code}); stopping the others.`);
    stopAll(code || 1);
  });
}

console.log(`
arcgis-auth-shell demo
  demo host      http://localhost:5173/
  second origin  http://127.0.0.1:5174/
  portal         ${realPortal ?? "http://localhost:4100/sharing/rest  (sign in as jsmith / arcgis123)"}
Ctrl-C stops everything.
`);

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
