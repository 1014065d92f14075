/**
 * One app's request meets a 498 (the portal expired every token; refresh tokens survive, so the
 * recovery is one silent refresh): time from the failing request's start until the retried
 * request's result, for an unmodified Maps SDK app bound with `bindIdentityManager` and for a
 * rest-js app using `client.authentication`, both on one page of the real shell.
 */
import type { Browser, Page } from "@playwright/test";
import { admin, openPage, portalLogSince, signIn } from "./browser.ts";
import type { MapsBench } from "./fixtures/maps-bench-host.ts";
import { type Row, roundsRow } from "./row.ts";
import { inRounds, median, ratios } from "./stats.ts";

const SECTION = "498 → recovered, one app's request (ms)";
const ROUNDS = 5;
/** Recoveries per app and round; the round's figure is their median. */
const PER_ROUND = 3;

type App = "maps" | "restjs";
type WithMapsBench = { bench: MapsBench };

/** One recovery: its time, the requests to the layer it took and the token calls it caused. */
interface Recovery {
  ms: number;
  requests: number;
  tokenCalls: number;
  error: string | null;
}

/**
 * One recovery of `app`: first a call with every token valid, so the app holds the shell's current
 * token (not one the other app's recovery replaced), then the expiry and the timed call.
 */
async function recoverOnce(page: Page, app: App): Promise<Recovery> {
  await page.evaluate((app) => (window as unknown as WithMapsBench).bench.timeRecovery(app), app);
  await page.evaluate(() => (window as unknown as WithMapsBench).bench.locksFree());
  await admin("expire");
  const since = Date.now();
  const result = await page.evaluate(
    (app) => (window as unknown as WithMapsBench).bench.timeRecovery(app),
    app,
  );
  const tokenCalls = (await portalLogSince(since)).filter((e) => e.path.endsWith("/oauth2/token")).length;
  return { ms: result.ms, requests: result.requests, tokenCalls, error: result.error };
}

async function recoveries(page: Page, app: App): Promise<Recovery[]> {
  const all: Recovery[] = [];
  for (let i = 0; i < PER_ROUND; i++) all.push(await recoverOnce(page, app));
  return all;
}

/**
 * "every recovery: 1 silent refresh, the failed request + 1 retry", or what differed: a recovery
 * that is not exactly that is not the figure this row claims to be.
 */
export function recoveryNote(all: readonly Recovery[]): string {
  const errors = [...new Set(all.flatMap((r) => r.error ?? []))];
  if (errors.length > 0) return `failed: ${errors.join(", ")}`;
  const sameAs = (pick: (r: Recovery) => number, expected: number) => all.every((r) => pick(r) === expected);
  if (sameAs((r) => r.tokenCalls, 1) && sameAs((r) => r.requests, 2)) {
    return "every recovery: 1 silent refresh, the failed query + 1 retry";
  }
  const list = (pick: (r: Recovery) => number) => all.map(pick).join(", ");
  return `token calls per recovery: ${list((r) => r.tokenCalls)}; queries: ${list((r) => r.requests)}`;
}

export async function measureRecovery(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const { page } = await openPage(browser, "/e2e/bench/fixtures/maps-bench-host.html");
  try {
    await signIn(page);
    const r = await inRounds(ROUNDS, {
      maps: () => recoveries(page, "maps"),
      restjs: () => recoveries(page, "restjs"),
    });
    const perRound = (rounds: Recovery[][]) => rounds.map((round) => median(round.map((x) => x.ms)));
    const dialogs = await page.evaluate(() => (window as unknown as WithMapsBench).bench.dialogCreates());
    log(
      `498 → recovered: Maps SDK ${perRound(r.maps)
        .map((ms) => ms.toFixed(1))
        .join(", ")} ms; rest-js ${perRound(r.restjs)
        .map((ms) => ms.toFixed(1))
        .join(", ")} ms`,
    );
    const each = `each round: median of ${PER_ROUND} recoveries, failing query's start → result, page clock`;
    return [
      roundsRow(
        {
          section: SECTION,
          name: "ours: Maps SDK app (@arcgis/core), FeatureLayer.queryFeatureCount",
          unit: "ms",
          note: `${each}; ${recoveryNote(r.maps.flat())}; Maps SDK dialogs: ${dialogs}`,
        },
        perRound(r.maps),
      ),
      roundsRow(
        {
          section: SECTION,
          name: "ours: rest-js app, request() with client.authentication",
          unit: "ms",
          note: `${each}; ${recoveryNote(r.restjs.flat())}`,
        },
        perRound(r.restjs),
      ),
      roundsRow(
        {
          section: SECTION,
          name: "ratio: Maps SDK app ÷ rest-js app",
          unit: "×",
          note: "informative, no budget: both wait for the same refresh and server token; measured to show the adapter adds no cost of its own",
        },
        ratios(perRound(r.maps), perRound(r.restjs)),
      ),
    ];
  } finally {
    await page.close();
  }
}
