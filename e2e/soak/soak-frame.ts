/** A soak iframe app on http://127.0.0.1:5174 (scripts/soak.ts): `window.soak.start` like the host's. */
import { connectAuth } from "../../sdk/index.ts";
import { type Records, runSoakApp } from "./soak-app.ts";

const params = new URLSearchParams(location.search);
const name = params.get("name") ?? "frame";
const client = await connectAuth({ parentOrigin: params.get("parent") ?? "" });
let run: { records: Records; done: Promise<void> } | null = null;
Object.assign(window, {
  soak: {
    start(durationMs: number, perSecond: number): Promise<void> {
      run = runSoakApp(client, name, durationMs, perSecond);
      return run.done;
    },
    records: (): Records => ({ ...(run?.records ?? {}) }),
  },
});
document.getElementById("out")!.textContent = "connected";
