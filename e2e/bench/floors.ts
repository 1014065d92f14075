/**
 * The floors beside the `getToken` figures (SPEC §7 "floors measured here"): the same kind of
 * no-op round trip over the bare transports, timed exactly like ours (fixtures/floors-host.ts).
 */
import type { Browser } from "@playwright/test";
import { openPage } from "./browser.ts";
import type { FloorsBench } from "./fixtures/floors-host.ts";
import { quietestOf, summary } from "./stats.ts";
import type { Row } from "./table.ts";

/** p50 µs per no-op call over each bare transport, same window and to a cross-origin iframe. */
export async function measureFloors(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const { page } = await openPage(browser, "/e2e/bench/fixtures/floors-host.html");
  const names = await page.evaluate(() => (window as unknown as { bench: FloorsBench }).bench.floors);
  const rows: Row[] = [];
  for (const name of names) {
    const perBatch = name.includes("iframe") ? 50 : 200;
    const sample = await quietestOf(3, () =>
      page.evaluate(
        ([name, n]) => (window as unknown as { bench: FloorsBench }).bench.timeFloor(name, 100, n),
        [name, perBatch] as const,
      ),
    );
    const { p50, p99 } = summary(sample);
    log(`floor ${name}: ${p50} µs`);
    rows.push({
      section: "getToken p50 (µs/call)",
      name: `floor: ${name}`,
      value: p50,
      unit: "µs",
      note: `p99 ${p99.toFixed(1)} µs over 100 batches, ${perBatch} calls each; quietest of 3 rounds; no-op call, no auth`,
    });
  }
  await page.close();
  return rows;
}
