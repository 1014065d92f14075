/**
 * Growth of the fan-in: 10 … 10,000 waiters over three apps, released by the one re-authentication,
 * in rounds; the budget is the release time for 10,000 waiters against the release time for 100 in
 * the same round.
 */
import type { Browser, Route } from "@playwright/test";
import type { WithFrameBench, WithHostBench } from "./browser.ts";
import { fanIn, outcomesNote, type Stage, signedInStage, type Target } from "./fanin.ts";
import { type Row, roundsRow, worstCount } from "./row.ts";
import { inRounds, median, ratios } from "./stats.ts";

const GROWTH_ROUNDS = 5;
const REPETITIONS = 3;
/** Run order within a round; 100 and 10,000 (the two sides of the ratio) run back to back. */
const WAITERS = [10, 1000, 100, 10_000] as const;
const byCount = [...WAITERS].sort((a, b) => a - b);
const TOKEN_ENDPOINT = "http://localhost:4100/sharing/rest/oauth2/token";

/**
 * `n` waiters over the three apps report the token they hold (`reportAuthError`, no request per
 * waiter). The shell's refresh is held at the network until every waiter of every app waits, so
 * that the release time is the release alone, not also the time it takes to start 10,000 calls.
 */
function reportFanIn(stage: Stage, n: number, log: (line: string) => void) {
  const arm = (target: Target, share: number) =>
    target === "frame"
      ? stage.frame.evaluate((k) => (window as unknown as WithFrameBench).bench.armReportBurst(k), share)
      : stage.page.evaluate(([i, k]) => (window as unknown as WithHostBench).bench.armReportBurst(i, k), [
          target === "host0" ? 0 : 1,
          share,
        ] as const);
  const prepare = (target: Target) =>
    target === "frame"
      ? stage.frame.evaluate(() => (window as unknown as WithFrameBench).bench.prepareReportBurst())
      : stage.page.evaluate(
          (i) => (window as unknown as WithHostBench).bench.prepareReportBurst(i),
          target === "host0" ? 0 : 1,
        );
  const outcome = (target: Target) =>
    target === "frame"
      ? stage.frame.evaluate(() => (window as unknown as WithFrameBench).bench.reportBurstOutcome())
      : stage.page.evaluate(
          (i) => (window as unknown as WithHostBench).bench.reportBurstOutcome(i),
          target === "host0" ? 0 : 1,
        );
  return fanIn(stage, n, async (shares) => {
    let releaseRefresh = () => {};
    const everyoneWaits = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    await Promise.all(shares.map(([target]) => prepare(target)));
    const held: Promise<void>[] = [];
    const hold = async (route: Route) => {
      const response = await route.fetch();
      await everyoneWaits;
      await route.fulfill({ response });
    };
    await stage.page.route(TOKEN_ENDPOINT, (route) => {
      const handled = hold(route).catch(async (error: unknown) => {
        log(`held token request failed: ${error}`);
        await route.abort().catch(() => {}); // unless it is answered already
      });
      held.push(handled);
      return handled;
    });
    try {
      await Promise.all(shares.map(([target, share]) => arm(target, share)));
      releaseRefresh();
      return await Promise.all(shares.map(([target]) => outcome(target)));
    } finally {
      releaseRefresh();
      // Every held request is answered before the route goes: an answer after it would throw.
      await Promise.all(held);
      await stage.page.unroute(TOKEN_ENDPOINT);
    }
  });
}
type Release = Awaited<ReturnType<typeof reportFanIn>>;
/** The waiters of the two same-window apps (fanin.ts splits `n` over three apps). */
const hostShare = (n: number) => n - Math.floor(n / 3);

export async function measureGrowth(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const stage = await signedInStage(browser);
  try {
    const floor = (n: number) =>
      stage.page.evaluate((k) => (window as unknown as WithHostBench).bench.releaseFloor(k), n);
    // Ours first, then the floors, so that 100 and 10,000 stay back to back in either order. Keys
    // are not plain numbers so that they keep this order (integer-like keys sort ascending).
    const measures: Record<string, () => Promise<{ ms: number; ours?: Release }>> = {};
    for (const n of WAITERS) {
      measures[`ours ${n}`] = async () => {
        const ours = await reportFanIn(stage, n, log);
        return { ms: ours.afterMs, ours };
      };
    }
    for (const n of WAITERS) measures[`floor ${n}`] = async () => ({ ms: await floor(hostShare(n)) });
    // Each round repeats every measurement (order alternating) and keeps the median of the
    // repetitions: one release of 100 waiters is about one message, short enough for a single
    // scheduling hiccup to double it.
    const r = (await inRounds(GROWTH_ROUNDS, { round: () => inRounds(REPETITIONS, measures) })).round;
    const reps = (key: string) => r.map((round) => round[key] ?? []);
    const results = (n: number) =>
      reps(`ours ${n}`).flatMap((rs) => rs.flatMap((o) => (o.ours ? [o.ours] : [])));
    const perRound = (key: string) => reps(key).map((rs) => median(rs.map((o) => o.ms)));
    const releaseMs = (n: number) => perRound(`ours ${n}`);
    const floorMs = (n: number) => perRound(`floor ${n}`);
    const signIns = (n: number) =>
      reps(`ours ${n}`).map((rs) =>
        worstCount(
          rs.flatMap((o) => (o.ours ? [o.ours.signIns] : [])),
          1,
        ),
      );
    const rows: Row[] = [];
    for (const n of byCount) {
      log(
        `growth ${n}: released after ${releaseMs(n)
          .map((ms) => ms.toFixed(1))
          .join(", ")} ms; floor ${floorMs(n)
          .map((ms) => ms.toFixed(1))
          .join(", ")} ms`,
      );
      const section = `growth: ${n.toLocaleString("en-US")} waiters, 3 apps`;
      rows.push(
        roundsRow(
          {
            section,
            name: "ours: re-authentications",
            unit: "sign-ins",
            budget: 1,
            exact: true,
            note: outcomesNote(results(n), n),
          },
          signIns(n),
        ),
        roundsRow(
          {
            section,
            name: "ours: all waiters resolved after the refresh",
            unit: "ms",
            note: "reportAuthError, no request per waiter; each waiter watched by one reaction, the clock read once, when the last has its token",
          },
          releaseMs(n),
        ),
        roundsRow(
          {
            section,
            name: `floor: the host page's ${hostShare(n).toLocaleString("en-US")} waiters on one plain promise`,
            unit: "ms",
            note: "released at once, no auth, no message, watched like ours: what the JavaScript engine alone costs",
          },
          floorMs(n),
        ),
      );
    }
    rows.push(
      roundsRow(
        {
          section: "waiters released after the one re-authentication",
          name: "ratio: 10,000 waiters ÷ 100 waiters",
          unit: "×",
          budget: 3,
          note: `each round: release time for 10,000 ÷ for 100, each the median of ${REPETITIONS} runs back to back`,
        },
        ratios(releaseMs(10_000), releaseMs(100)),
      ),
    );
    return rows;
  } finally {
    await stage.page.close();
  }
}
