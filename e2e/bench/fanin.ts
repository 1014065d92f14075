/**
 * Fan-in: many concurrent auth failures from three apps (two same-window, one cross-origin
 * iframe) against the real portal. With PKCE the recovery is one silent refresh, which is the one
 * "re-authentication" we count (plus any popup). Beside it, the same burst through rest-js's own
 * `ArcGISAuthError.retry`; the growth series (10 … 10,000 waiters) is in growth.ts.
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
import { type Row, roundsRow } from "./row.ts";
import { inRounds, ratios } from "./stats.ts";

const FAN_IN = "1,000 concurrent auth failures, 3 apps";

export interface Stage {
  page: Page;
  frame: Frame;
  popups: () => number;
}

export async function signedInStage(browser: Browser): Promise<Stage> {
  const { page, frames } = await openPage(browser, "/e2e/bench/fixtures/bench-host.html?apps=2&frames=1");
  await signIn(page);
  let popups = 0;
  page.on("popup", () => popups++);
  return { page, frame: frames[0]!, popups: () => popups };
}

/** Where a burst runs: the two same-window apps and the cross-origin iframe app. */
export type Target = "host0" | "host1" | "frame";

/** How `n` is split over the three apps. */
export function sharesOf(n: number): [Target, number][] {
  const share = Math.floor(n / 3);
  return [
    ["host0", n - 2 * share],
    ["host1", share],
    ["frame", share],
  ];
}

/**
 * Runs one burst of `n` over the three apps (`run` gets each app's share and resolves with each
 * app's outcome) and times it against the refresh it caused.
 */
export async function fanIn(
  stage: Stage,
  n: number,
  run: (shares: [Target, number][]) => Promise<BurstOutcome[]>,
) {
  const t0 = await stage.page.evaluate(() => (window as unknown as WithHostBench).bench.now());
  const since = Date.now();
  const popupsBefore = stage.popups();
  const raw = await run(sharesOf(n));
  // The iframe's times are on its own clock: put them on the host page's before comparing.
  const frameAhead = await stage.page.evaluate(() =>
    (window as unknown as WithHostBench).bench.frameClockOffset(0),
  );
  const outcomes = raw.map((o, i) =>
    sharesOf(n)[i]?.[0] === "frame" ? { ...o, lastSettledAt: o.lastSettledAt - frameAhead } : o,
  );
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
  const start = (target: Target, share: number) =>
    target === "frame"
      ? stage.frame.evaluate(([k, url]) => (window as unknown as WithFrameBench).bench.fetchBurst(k, url), [
          share,
          TREES_QUERY,
        ] as const)
      : stage.page.evaluate(
          ([i, k, url]) => (window as unknown as WithHostBench).bench.fetchBurst(i, k, url),
          [target === "host0" ? 0 : 1, share, TREES_QUERY] as const,
        );
  return fanIn(stage, n, (shares) => Promise.all(shares.map(([target, share]) => start(target, share))));
}

const FAN_IN_ROUNDS = 3;

/** "1000/1000 succeeded in every burst", or each burst's outcome when one fell short. */
export function outcomesNote(results: { ok: number; failed: string[] }[], n: number): string {
  if (results.every((r) => r.ok === n)) return `${n}/${n} succeeded in every burst`;
  return results
    .map(
      (r, i) => `burst ${i + 1}: ${r.ok}/${n}${r.failed.length ? ` (errors: ${r.failed.join(", ")})` : ""}`,
    )
    .join("; ");
}

type Burst = Awaited<ReturnType<typeof fetchFanIn>>;

/** The fan-in rows from each round's expired-token and valid-token bursts and rest-js's burst. */
function fanInRows(
  expired: Burst[],
  baseline: Burst[],
  restjs: { getSessionCalls: number; ok: number },
): Row[] {
  const section = FAN_IN;
  const totals = (bursts: Burst[]) => bursts.map((o) => o.totalMs);
  return [
    roundsRow(
      {
        section,
        name: "ours: re-authentications (silent refresh + popups)",
        unit: "sign-ins",
        budget: 1,
        exact: true,
        note: outcomesNote(expired, 1000),
      },
      expired.map((o) => o.signIns),
    ),
    roundsRow(
      { section, name: "ours: first request sent → all done, every token expired", unit: "ms" },
      totals(expired),
    ),
    roundsRow(
      {
        section,
        name: "baseline: the same 1,000 requests, valid token",
        unit: "ms",
        note: `no failure, no retry: what the network and the local portal cost; ${outcomesNote(baseline, 1000)}`,
      },
      totals(baseline),
    ),
    roundsRow(
      {
        section,
        name: "ratio: expired ÷ (2 × valid-token baseline)",
        unit: "×",
        budget: 1.1,
        note: "each request fails once and is sent once more, so twice the baseline of the same round is the floor",
      },
      ratios(
        totals(expired),
        totals(baseline).map((ms) => 2 * ms),
      ),
    ),
    roundsRow(
      {
        section,
        name: "ours: all retried requests done after the refresh",
        unit: "ms",
        note: "client.fetch of the federated Trees layer, real portal",
      },
      expired.map((o) => o.afterMs),
    ),
    {
      section,
      name: "peer: rest-js ArcGISAuthError.retry getSession calls",
      value: restjs.getSessionCalls,
      unit: "calls",
      note: `one sign-in each in a plain rest-js app; same window only; ${restjs.ok}/1000 succeeded`,
    },
  ];
}

/**
 * The 1,000-failure figure (ours, real requests) against the same 1,000 requests with a valid
 * token in the same round, and rest-js's `ArcGISAuthError.retry` beside it.
 */
export async function measureFanIn(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const stage = await signedInStage(browser);
  try {
    // Every app fetches once so each holds the federated server token that is about to expire.
    await fetchFanIn(stage, 3);
    const r = await inRounds(FAN_IN_ROUNDS, {
      expired: () => fetchFanIn(stage, 1000),
      baseline: () => fetchFanIn(stage, 1000, false),
    });
    const totals = (bursts: Burst[]) => bursts.map((o) => o.totalMs.toFixed(0)).join(", ");
    log(`fan-in 1,000: ${totals(r.expired)} ms; valid token: ${totals(r.baseline)} ms`);
    await admin("expire");
    const restjs = await stage.page.evaluate(
      (url) => (window as unknown as WithHostBench).bench.restjsRetryBurst(1000, url),
      TREES,
    );
    log(`rest-js retry 1,000: ${restjs.getSessionCalls} getSession calls, ${restjs.ok} ok`);
    return fanInRows(r.expired, r.baseline, restjs);
  } finally {
    await stage.page.close();
  }
}
