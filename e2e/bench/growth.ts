/**
 * Growth of the fan-in: 10 … 10,000 waiters over three apps, released by the one re-authentication
 * (`reportAuthError`, no request per waiter), in rounds; the budget is the release time for 10,000
 * waiters against the release time for 100 in the same round.
 */
import type { Browser } from "@playwright/test";
import type { WithHostBench } from "./browser.ts";
import { outcomesNote, reportFanIn, signedInStage } from "./fanin.ts";
import { type Row, roundsRow } from "./row.ts";
import { inRounds, ratios } from "./stats.ts";

const GROWTH_ROUNDS = 5;
/** Run order within a round; 100 and 10,000 (the two sides of the ratio) run back to back. */
const WAITERS = [10, 1000, 100, 10_000] as const;
const byCount = [...WAITERS].sort((a, b) => a - b);
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
        const ours = await reportFanIn(stage, n);
        return { ms: ours.afterMs, ours };
      };
    }
    for (const n of WAITERS) measures[`floor ${n}`] = async () => ({ ms: await floor(hostShare(n)) });
    const r = await inRounds(GROWTH_ROUNDS, measures);
    const results = (n: number) => (r[`ours ${n}`] ?? []).flatMap((o) => (o.ours ? [o.ours] : []));
    const releaseMs = (n: number) => (r[`ours ${n}`] ?? []).map((o) => o.ms);
    const floorMs = (n: number) => (r[`floor ${n}`] ?? []).map((o) => o.ms);
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
          results(n).map((o) => o.signIns),
        ),
        roundsRow(
          {
            section,
            name: "ours: all waiters resolved after the refresh",
            unit: "ms",
            note: "reportAuthError, no request per waiter",
          },
          releaseMs(n),
        ),
        roundsRow(
          {
            section,
            name: `floor: the host page's ${hostShare(n).toLocaleString("en-US")} waiters as plain awaits of one promise`,
            unit: "ms",
            note: "released at once, no auth, no message: what the JavaScript engine alone costs",
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
          note: "each round: release time for 10,000 ÷ release time for 100, run back to back",
        },
        ratios(releaseMs(10_000), releaseMs(100)),
      ),
    );
    return rows;
  } finally {
    await stage.page.close();
  }
}
