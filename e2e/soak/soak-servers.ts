/**
 * The soak's servers (scripts/soak.ts): the ones already listening on the fixed ports (README)
 * are reused; missing ones are started with the same commands as playwright.config.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";

const SERVERS = [
  { url: "http://localhost:4100/sharing/rest/info?f=json", command: ["tsx", "examples/portal/cli.ts"] },
  {
    url: "http://localhost:5173/callback.html",
    command: ["vite", "--port", "5173", "--strictPort", "--host", "localhost"],
  },
  {
    url: "http://127.0.0.1:5174/callback.html",
    command: ["vite", "--port", "5174", "--strictPort", "--host", "127.0.0.1"],
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reachable = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );

/** Starts the servers that are not listening yet; returns the processes it started. */
export async function ensureServers(): Promise<ChildProcess[]> {
  const started: ChildProcess[] = [];
  for (const server of SERVERS) {
    if (await reachable(server.url)) continue;
    const [bin, ...args] = server.command as [string, ...string[]];
    started.push(spawn(`node_modules/.bin/${bin}`, args, { stdio: "ignore" }));
    const deadline = Date.now() + 30_000;
    while (!(await reachable(server.url))) {
      if (Date.now() > deadline) throw new Error(`${server.url} did not come up.`);
      await sleep(250);
    }
  }
  return started;
}
