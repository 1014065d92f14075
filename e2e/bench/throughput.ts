/** Growth: `getToken`-path throughput over the port with 1, 10 and 50 connected same-window apps. */
import type { Browser } from "@playwright/test";
import { openPage, signIn, type WithHostBench } from "./browser.ts";
import type { Row } from "./row.ts";

const WINDOW_MS = 2000;

/**
 * Every connected app calls `client.getSession()` (which always reaches the shell, unlike a cached
 * `getToken`) in a loop for two seconds; the figure is the total calls per second.
 */
export async function measureThroughput(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const { page } = await openPage(browser, "/e2e/bench/fixtures/bench-host.html?apps=1&frames=0");
  await signIn(page);
  const rows: Row[] = [];
  for (const apps of [1, 10, 50]) {
    const calls = await page.evaluate(
      async ([apps, ms]) => {
        const { bench } = window as unknown as WithHostBench;
        await bench.connectApps(apps);
        await bench.throughput(apps, 200); // warm-up
        return bench.throughput(apps, ms);
      },
      [apps, WINDOW_MS] as const,
    );
    const perSecond = (calls * 1000) / WINDOW_MS;
    log(`throughput ${apps} apps: ${perSecond} calls/s`);
    rows.push({
      section: "growth: calls over the port, same window",
      name: `ours: ${apps} connected app${apps === 1 ? "" : "s"} (getSession)`,
      value: perSecond,
      unit: "calls/s",
      note: `${calls.toLocaleString("en-US")} calls in ${WINDOW_MS} ms`,
    });
  }
  await page.close();
  return rows;
}
