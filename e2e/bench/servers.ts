/**
 * The fixed local servers (README) for the runtime figures: reused when already running (e.g.
 * `npm start`), otherwise started here and stopped at the end (only what was started here). With
 * `CI` set nothing is reused, as in playwright.config.ts: a server already on a port may belong to
 * another checkout, so the run fails instead of measuring someone else's code. The
 * portal runs as in playwright.config.ts; the two Vite origins run in this process with the repo's
 * vite.config.ts but without file watching and HMR, so an edit elsewhere in the repo during a run
 * cannot reload a page in the middle of a measurement.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "vite";

const PORTAL_PROBE = "http://localhost:4100/sharing/rest/info?f=json";
const VITE_ORIGINS = [
  { probe: "http://localhost:5173/callback.html", host: "localhost", port: 5173 },
  { probe: "http://127.0.0.1:5174/callback.html", host: "127.0.0.1", port: 5174 },
];

const reuse = !process.env.CI;

async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server for ${url} exited with ${child.exitCode}`);
    if (await isUp(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server for ${url} did not answer within ${timeoutMs} ms`);
}

/** Makes sure all servers answer; resolves to a function that stops the ones started here. */
export async function ensureServers(log: (line: string) => void): Promise<() => Promise<void>> {
  const stoppers: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers) await stopOne();
  };
  try {
    if (reuse && (await isUp(PORTAL_PROBE))) log("reusing the portal on :4100");
    else {
      log("starting the local portal");
      const child = spawn("node_modules/.bin/tsx", ["examples/portal/cli.ts"], {
        stdio: ["ignore", "ignore", "inherit"],
      });
      stoppers.push(() => void (child.exitCode === null && child.kill("SIGTERM")));
      await waitUntilUp(PORTAL_PROBE, child, 30_000);
    }
    for (const origin of VITE_ORIGINS) {
      if (reuse && (await isUp(origin.probe))) {
        log(`reusing ${new URL(origin.probe).origin} (an edit in the repo may reload its pages)`);
        continue;
      }
      log(`starting Vite on ${new URL(origin.probe).origin} (no watch, no HMR)`);
      const server = await createServer({
        configFile: "vite.config.ts",
        logLevel: "warn",
        server: { host: origin.host, port: origin.port, strictPort: true, hmr: false, watch: null },
      });
      stoppers.push(() => server.close());
      await server.listen();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
