/** The soak's Web Worker app (scripts/soak.ts): reports its records to the page every second. */
import { type AuthClient, connectAuth } from "../../sdk/index.ts";
import { runSoakApp } from "./soak-app.ts";

let client: AuthClient | null = null;
self.onmessage = async (
  event: MessageEvent<{ port?: MessagePort; durationMs?: number; perSecond?: number }>,
) => {
  const { port, durationMs, perSecond } = event.data;
  if (port) {
    client = await connectAuth(port);
    self.postMessage({ records: {}, done: false, connected: true });
    return;
  }
  if (!client || durationMs === undefined || perSecond === undefined) return;
  const run = runSoakApp(client, "worker", durationMs, perSecond);
  const report = setInterval(() => self.postMessage({ records: run.records, done: false }), 1000);
  await run.done;
  clearInterval(report);
  self.postMessage({ records: run.records, done: true });
};
