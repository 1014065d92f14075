/**
 * SPEC §7 latencies in headless Chromium: `getToken` cached and over the port (same window and
 * cross-origin iframe), callback page load → `signed-in`, and `fromParent` credential latency
 * from our shell beside rest-js's own `enablePostMessageAuth` host.
 */
import type { Browser } from "@playwright/test";
import { FRAME_ORIGIN, openPage, signIn, type WithFrameBench, type WithHostBench } from "./browser.ts";
import { serveBuiltCallback } from "./builtCallback.ts";
import { quietestOf, summary } from "./stats.ts";
import type { Row } from "./table.ts";

const GET_TOKEN = "getToken p50 (µs/call)";
const note = (sample: number[], extra = "") =>
  `p99 ${summary(sample).p99.toFixed(1)} µs over ${sample.length} batches${extra}`;
const ROUNDS = 3;
const QUIETEST = `; quietest of ${ROUNDS} rounds`;
const row = (name: string, sample: number[], budget?: number, extra = ""): Row => ({
  section: GET_TOKEN,
  name,
  value: summary(sample).p50,
  unit: "µs",
  ...(budget === undefined ? {} : { budget }),
  note: note(sample, extra),
});

/**
 * `getToken` figures. "Cached" is a second `getToken()` of the same scope (answered by the SDK);
 * "over the port" is `client.getSession()`, which always reaches the shell and back.
 */
export async function measureGetToken(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const { page, frames } = await openPage(browser, "/e2e/bench/fixtures/bench-host.html?apps=1&frames=1");
  await signIn(page);
  const frame = frames[0]!;
  const host = (op: "cached" | "session", batches: number, perBatch: number) =>
    page.evaluate(([op, b, n]) => (window as unknown as WithHostBench).bench.timeBatches(0, op, b, n), [
      op,
      batches,
      perBatch,
    ] as const);
  const inFrame = (op: "cached" | "session", batches: number, perBatch: number) =>
    frame.evaluate(([op, b, n]) => (window as unknown as WithFrameBench).bench.timeBatches(op, b, n), [
      op,
      batches,
      perBatch,
    ] as const);
  const cached = await quietestOf(ROUNDS, () => host("cached", 100, 10_000));
  const cachedFrame = await quietestOf(ROUNDS, () => inFrame("cached", 100, 10_000));
  const port = await quietestOf(ROUNDS, () => host("session", 100, 200));
  const portFrame = await quietestOf(ROUNDS, () => inFrame("session", 100, 50));
  log(
    `getToken: cached ${summary(cached).p50} µs, port ${summary(port).p50}, iframe ${summary(portFrame).p50}`,
  );
  await page.close();
  return [
    row("ours: cached, same window", cached, 5, `, 10,000 calls each${QUIETEST}`),
    row("ours: cached, cross-origin iframe", cachedFrame, 5, `, 10,000 calls each${QUIETEST}`),
    row("ours: over the port, same window (getSession)", port, 50, `, 200 calls each${QUIETEST}`),
    row(
      "ours: over the port, cross-origin iframe (getSession)",
      portFrame,
      300,
      `, 50 calls each${QUIETEST}`,
    ),
  ];
}

/**
 * Callback page load (its HTML and script received) → the shell's `signed-in`, over `rounds` real
 * sign-ins per flow. The time the server takes to deliver the script is reported beside it, not in
 * it: here that is the Vite dev server on a busy machine, not a deployment's static host. The
 * popup gets the production callback page (see builtCallback.ts). The budget is for the default
 * flow (PKCE), where `signed-in` also waits for the code exchange with the portal.
 */
export async function measureCallback(browser: Browser, rounds: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const flow of ["pkce", "implicit"] as const) {
    const path = `/e2e/bench/fixtures/bench-host.html?apps=1&frames=0&flow=${flow}`;
    const { page } = await openPage(browser, path);
    await serveBuiltCallback(page.context());
    const total: number[] = [];
    const afterMessage: number[] = [];
    const scriptLoad: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await signIn(page);
      const times = await page.evaluate(() => {
        const { events, callbackTimes } = (window as unknown as WithHostBench).bench;
        const signedIn = events.filter((e) => e.name === "signed-in").at(-1)!.at;
        const callback = callbackTimes.at(-1)!;
        return [
          signedIn - callback.scriptEnd,
          signedIn - callback.messageAt,
          callback.scriptEnd - callback.responseEnd,
        ];
      });
      total.push(times[0]!);
      afterMessage.push(times[1]!);
      scriptLoad.push(times[2]!);
      await page.evaluate(() => (window as unknown as WithHostBench).bench.shell.signOut());
    }
    await page.close();
    const ms = (sample: number[], p: "p50" | "p99" = "p50") => `${summary(sample)[p].toFixed(1)} ms`;
    rows.push({
      section: "callback page load → signed-in (ms)",
      name:
        flow === "pkce"
          ? "ours: PKCE (default), built callback page"
          : "ours: implicit flow, built callback page",
      value: summary(total).p50,
      unit: "ms",
      ...(flow === "pkce" ? { budget: 50 } : {}),
      note: `p99 ${ms(total, "p99")} over ${rounds} sign-ins; of which message → signed-in p50 ${ms(afterMessage)}${flow === "pkce" ? " (code exchange)" : ""}; not included: HTML → script received p50 ${ms(scriptLoad)} (dev server)`,
    });
  }
  return rows;
}

const FROM_PARENT_CHILD = `${FRAME_ORIGIN}/e2e/bench/fixtures/bench-frame.html?parent=http://localhost:5173&mode=fromparent`;

/** `fromParent` in a cross-origin iframe, answered by our shell and by rest-js's own host. */
export async function measureFromParent(browser: Browser): Promise<Row[]> {
  const rows: Row[] = [];
  const hosts = [
    { name: "ours: shell embedded host", path: "/e2e/bench/fixtures/bench-host.html", signIn: true },
    {
      name: "peer: rest-js enablePostMessageAuth",
      path: "/e2e/bench/fixtures/restjs-host.html",
      signIn: false,
    },
  ];
  for (const host of hosts) {
    const query = `${host.path.includes("bench-host") ? "apps=1&frames=0&" : ""}frame=${encodeURIComponent(FROM_PARENT_CHILD)}`;
    const { page, frames } = await openPage(browser, `${host.path}?${query}`);
    if (host.signIn) await signIn(page);
    let firstMs = 0;
    const perCallUs = await quietestOf(ROUNDS, async () => {
      const result = await frames[0]!.evaluate(() =>
        (window as unknown as WithFrameBench).bench.timeFromParent(50, 20),
      );
      firstMs ||= result.firstMs; // the very first call only: later rounds find everything warm
      return result.perCallUs;
    });
    rows.push({
      section: "fromParent credential p50 (µs/call)",
      name: host.name,
      value: summary(perCallUs).p50,
      unit: "µs",
      note: `${note(perCallUs)}${QUIETEST}; first call after load ${firstMs.toFixed(1)} ms`,
    });
    await page.close();
  }
  return rows;
}
