/**
 * The soak page (scripts/soak.ts): the real shell (PKCE, so re-authentications are silent
 * refreshes), same-window apps on their own ports, cross-origin iframe apps (`frames` in the
 * query) and one Web Worker app. `window.soak.start(ms, perSecond)` runs every local app.
 */
import { connectAuth } from "../../sdk/index.ts";
import { createAuthShell } from "../../shell/index.ts";
import { type Records, runSoakApp } from "./soak-app.ts";

const params = new URLSearchParams(location.search);
const sameWindowApps = Number(params.get("apps") ?? 6);
const frames = Number(params.get("frames") ?? 3);
const status = document.getElementById("status")!;

const shell = createAuthShell({
  clientId: "arcgis-auth-shell-demo",
  redirectUri: "http://localhost:5173/callback.html",
  portal: "http://localhost:4100/sharing/rest",
  childOrigins: ["http://127.0.0.1:5174"],
  signInTimeoutMs: 30_000,
});
const events: string[] = [];
for (const name of ["signed-in", "refreshed", "expired", "auth-required", "error", "signed-out"] as const) {
  shell.on(name, () => events.push(name));
}
shell.on("signed-in", (session) => {
  status.textContent = `signed in ${session.username}`;
});
document.getElementById("sign-in")!.addEventListener("click", () => void shell.signIn().catch(() => {}));

const clients = await Promise.all(
  Array.from({ length: sameWindowApps }, (_, i) => connectAuth(shell.connect(`app-${i}`))),
);
for (let i = 0; i < frames; i++) {
  const frame = document.createElement("iframe");
  frame.src = `http://127.0.0.1:5174/e2e/soak/soak-frame.html?parent=http://localhost:5173&name=frame-${i}`;
  document.body.append(frame);
}

const worker = new Worker(new URL("./soak-worker.ts", import.meta.url), { type: "module" });
const workerPort = shell.connect("worker");
let workerRecords: Records = {};
let workerDone: () => void = () => {};
let workerConnected: () => void = () => {};
const workerReady = new Promise<void>((resolve) => {
  workerConnected = resolve;
});
worker.onmessage = (event: MessageEvent<{ records: Records; done: boolean; connected?: boolean }>) => {
  if (event.data.connected) workerConnected();
  workerRecords = event.data.records;
  if (event.data.done) workerDone();
};
worker.postMessage({ port: workerPort }, [workerPort]);

const runs: { records: Records; done: Promise<void> }[] = [];
Object.assign(window, {
  soak: {
    events,
    /** Starts the same-window apps and the worker; resolves when all their requests ended. */
    /** Resolves once the worker app is connected. */
    ready: () => workerReady,
    start(durationMs: number, perSecond: number): Promise<void> {
      clients.forEach((client, i) => void runs.push(runSoakApp(client, `app-${i}`, durationMs, perSecond)));
      const workerFinished = new Promise<void>((resolve) => {
        workerDone = resolve;
      });
      worker.postMessage({ durationMs, perSecond });
      return Promise.all([...runs.map((run) => run.done), workerFinished]).then(() => {});
    },
    /** Every request of the local apps (the worker's as last reported) and how it ended. */
    records: (): Records => Object.assign({}, ...runs.map((run) => run.records), workerRecords),
  },
});
status.textContent = "ready";
