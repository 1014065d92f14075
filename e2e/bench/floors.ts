/**
 * The floors beside the `getToken` figures: the same kind of no-op round trip over the bare
 * transports, timed exactly like ours (fixtures/floors-host.ts), on a page that stays open for the
 * whole measurement so that each round can time ours and the floors back to back.
 */
import type { Browser } from "@playwright/test";
import { openPage } from "./browser.ts";
import type { FloorsFrameBench } from "./fixtures/floors-frame.ts";
import type { FloorsBench } from "./fixtures/floors-host.ts";

export type FloorName = FloorsBench["floors"][number];

/** The open floors page: `sample` times `batches` × `perBatch` no-op calls over one transport. */
export interface FloorsPage {
  names: FloorName[];
  sample(name: FloorName, batches: number, perBatch: number): Promise<number[]>;
  /** The raw port timed from the iframe, calling up to the page (the direction of ours). */
  sampleUp(batches: number, perBatch: number): Promise<number[]>;
  /** Comlink's `expose` on the page called with the SDK's wire code from the iframe (informative). */
  sampleComlinkUp(batches: number, perBatch: number): Promise<number[]>;
  close(): Promise<void>;
}

export async function openFloors(browser: Browser): Promise<FloorsPage> {
  const { page, frames } = await openPage(browser, "/e2e/bench/fixtures/floors-host.html");
  const frame = frames[0];
  if (!frame) throw new Error("the floors page has no iframe");
  const names = await page.evaluate(() => (window as unknown as { bench: FloorsBench }).bench.floors);
  return {
    names,
    sample: (name, batches, perBatch) =>
      page.evaluate(
        ([name, b, n]) => (window as unknown as { bench: FloorsBench }).bench.timeFloor(name, b, n),
        [name, batches, perBatch] as const,
      ),
    sampleUp: (batches, perBatch) =>
      frame.evaluate(([b, n]) => (window as unknown as { bench: FloorsFrameBench }).bench.timeUp(b, n), [
        batches,
        perBatch,
      ] as const),
    sampleComlinkUp: (batches, perBatch) =>
      frame.evaluate(
        ([b, n]) => (window as unknown as { bench: FloorsFrameBench }).bench.timeComlinkUp(b, n),
        [batches, perBatch] as const,
      ),
    close: () => page.close(),
  };
}
