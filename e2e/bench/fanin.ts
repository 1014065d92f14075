/**
 * SPEC §7 fan-in: many concurrent auth failures from three apps (two same-window, one
 * cross-origin iframe) against the real portal. With PKCE the recovery is one silent refresh,
 * which is the one "re-authentication" we count (plus any popup). Beside it, the same burst
 * through rest-js's own `ArcGISAuthError.retry`, and the growth series (10 … 10,000 waiters).
 */
import type { Browser, Frame, Page } from "@playwright/test";
import {
  admin,
  openPage,
  portalLogSince,
  signIn,
  TREES,
  TREES_QUERY,
  type WithFrameBench,
  type WithHostBench,
} from "./browser.ts";
import type { BurstOutcome } from "./fixtures/probes.ts";
import type { Row } from "./table.ts";

const FAN_IN = "1,000 concurrent auth failures, 3 apps";

interface Stage {
  page: Page;
  frame: Frame;
  popups: () => number;
}

async function signedInStage(browser: Browser): Promise<Stage> {
  const { page, frames } = await openPage(browser, "/e2e/bench/fixtures/bench-host.html?apps=2&frames=1");
  await signIn(page);
  let popups = 0;
  page.on("popup", () => popups++);
  return { page, frame: frames[0]!, popups: () => popups };
}

/** Splits `n` over the three apps, runs `start` in each at once, and times it against the refresh. */
async function fanIn(
  stage: Stage,
  n: number,
  start: (target: "host0" | "host1" | "frame", share: number) => Promise<BurstOutcome>,
) {
  const t0 = await stage.page.evaluate(() => (window as unknown as WithHostBench).bench.now());
  const since = Date.now();
  const popupsBefore = stage.popups();
  const share = Math.floor(n / 3);
  const outcomes = await Promise.all([
    start("host0", n - 2 * share),
    start("host1", share),
    start("frame", share),
  ]);
  const tokenCalls = (await portalLogSince(since)).filter((e) => e.path.endsWith("/oauth2/token")).length;
  const refreshedAt = await stage.page.evaluate(
    (t0) =>
      (window as unknown as WithHostBench).bench.events.find((e) => e.at >= t0 && e.name === "refreshed")?.at,
    t0,
  );
  const lastSettledAt = Math.max(...outcomes.map((o) => o.lastSettledAt));
  return {
    signIns: tokenCalls + stage.popups() - popupsBefore,
    afterMs: refreshedAt === undefined ? Number.NaN : lastSettledAt - refreshedAt,
    totalMs: lastSettledAt - t0,
    ok: outcomes.reduce((sum, o) => sum + o.ok, 0),
    failed: [...new Set(outcomes.flatMap((o) => o.failed))],
  };
}

/**
 * Real requests: `n` `client.fetch` calls of the Trees layer, after the portal expired every token
 * (or, with `expire: false`, with a valid token: the baseline of the same requests).
 */
async function fetchFanIn(stage: Stage, n: number, expire = true) {
  if (expire) await admin("expire");
  return fanIn(stage, n, (target, share) =>
    target === "frame"
      ? stage.frame.evaluate(([k, url]) => (window as unknown as WithFrameBench).bench.fetchBurst(k, url), [
          share,
          TREES_QUERY,
        ] as const)
      : stage.page.evaluate(
          ([i, k, url]) => (window as unknown as WithHostBench).bench.fetchBurst(i, k, url),
          [target === "host0" ? 0 : 1, share, TREES_QUERY] as const,
        ),
  );
}

/** No network per waiter: `n` `reportAuthError` calls for the current token (the growth series). */
function reportFanIn(stage: Stage, n: number) {
  return fanIn(stage, n, (target, share) =>
    target === "frame"
      ? stage.frame.evaluate((k) => (window as unknown as WithFrameBench).bench.reportBurst(k), share)
      : stage.page.evaluate(([i, k]) => (window as unknown as WithHostBench).bench.reportBurst(i, k), [
          target === "host0" ? 0 : 1,
          share,
        ] as const),
  );
}

const outcomeNote = (r: { ok: number; failed: string[]; totalMs: number }, n: number) =>
  `${r.ok}/${n} succeeded${r.failed.length ? ` (errors: ${r.failed.join(", ")})` : ""}; ${r.totalMs.toFixed(0)} ms from the first failure`;

/** The 1,000-failure figure (ours, real requests) and rest-js's `ArcGISAuthError.retry` beside it. */
export async function measureFanIn(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const stage = await signedInStage(browser);
  // Every app fetches once so each holds the federated server token that is about to expire.
  await fetchFanIn(stage, 3);
  const ours = await fetchFanIn(stage, 1000);
  log(`fan-in 1,000: ${JSON.stringify(ours)}`);
  const baseline = await fetchFanIn(stage, 1000, false);
  log(`baseline 1,000 with a valid token: ${JSON.stringify(baseline)}`);
  await admin("expire");
  const restjs = await stage.page.evaluate(
    (url) => (window as unknown as WithHostBench).bench.restjsRetryBurst(1000, url),
    TREES,
  );
  log(`rest-js retry 1,000: ${restjs.getSessionCalls} getSession calls, ${restjs.ok} ok`);
  await stage.page.close();
  return [
    {
      section: FAN_IN,
      name: "ours: re-authentications (silent refresh + popups)",
      value: ours.signIns,
      unit: "sign-ins",
      budget: 1,
      note: outcomeNote(ours, 1000),
    },
    {
      section: FAN_IN,
      name: "ours: all retried requests done after the refresh",
      value: ours.afterMs,
      unit: "ms",
      budget: 250,
      note: "client.fetch of the federated Trees layer, real portal",
    },
    {
      section: FAN_IN,
      name: "baseline: the same 1,000 requests, valid token",
      value: baseline.totalMs,
      unit: "ms",
      note: `no failure, no retry: what the network and the local portal cost; ${baseline.ok}/1000 succeeded`,
    },
    {
      section: FAN_IN,
      name: "peer: rest-js ArcGISAuthError.retry getSession calls",
      value: restjs.getSessionCalls,
      unit: "calls",
      note: `one sign-in each in a plain rest-js app; same window only; ${restjs.ok}/1000 succeeded`,
    },
  ];
}

/** Growth: the fan-in at 10 … 10,000 waiters (`reportAuthError`, no request per waiter). */
export async function measureGrowth(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const stage = await signedInStage(browser);
  const rows: Row[] = [];
  for (const n of [10, 100, 1000, 10_000]) {
    const result = await reportFanIn(stage, n);
    log(`growth ${n}: ${JSON.stringify(result)}`);
    const section = `growth: ${n.toLocaleString("en-US")} waiters, 3 apps`;
    rows.push(
      {
        section,
        name: "ours: re-authentications",
        value: result.signIns,
        unit: "sign-ins",
        budget: 1,
        note: outcomeNote(result, n),
      },
      {
        section,
        name: "ours: all waiters resolved after the refresh",
        value: result.afterMs,
        unit: "ms",
        note: "reportAuthError, no request per waiter",
      },
    );
  }
  await stage.page.close();
  return rows;
}
