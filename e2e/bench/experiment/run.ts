/**
 * Where the µs of a cross-origin `getSession` go: a cross-origin iframe calls up to its page over
 * one port per variant, from the bare-port floor of `npm run bench` (a number echoed) through
 * Comlink's wire written by hand, Comlink's `expose`, the shell's guarded channel, to the SDK's
 * link and client. The variants take turns batch by batch on the same two pages, and every batch
 * is compared with the floor's batch of the same rotation (paired), since the floor itself moves
 * between about 120 and 195 µs with the machine's load.
 *
 * `npx tsx e2e/bench/experiment/run.ts` (own Vite servers on EXPERIMENT_PORT and the next port,
 * default 6173: no fixed bench port, no lock). ROUNDS, ROTATIONS, PER_BATCH and ONLY (names,
 * comma-separated; `bare` is always kept) tune it.
 */
import { chromium } from "@playwright/test";
import { createServer, type ViteDevServer } from "vite";
import { findChromium } from "../../../scripts/chromium.mjs";
import { midMean } from "../stats.ts";
import type { Variant, WireBench } from "./wire-frame.ts";

const port = Number(process.env.EXPERIMENT_PORT ?? 6173);
const rounds = Number(process.env.ROUNDS ?? 6);
const rotations = Number(process.env.ROTATIONS ?? 40);
const perBatch = Number(process.env.PER_BATCH ?? 50);
const only = process.env.ONLY?.split(",");

const servers: ViteDevServer[] = [];
const browser = await chromium.launch({ executablePath: findChromium(), headless: true });
try {
  for (const [host, at] of [
    ["localhost", port],
    ["127.0.0.1", port + 1],
  ] as const) {
    const server = await createServer({
      configFile: "vite.config.ts",
      logLevel: "warn",
      server: { host, port: at, strictPort: true, hmr: false, watch: null },
    });
    await server.listen();
    servers.push(server);
  }
  const page = await browser.newPage();
  await page.goto(
    `http://localhost:${port}/e2e/bench/experiment/host.html?frameOrigin=http://127.0.0.1:${port + 1}`,
  );
  const frame = page.frameLocator("iframe");
  await frame.locator("#out", { hasText: "ready" }).waitFor({ timeout: 60_000 });
  const handle = page.frames().find((candidate) => candidate.url().includes("/experiment/frame.html"))!;
  const all = await handle.evaluate(() => (window as unknown as { bench: WireBench }).bench.names);
  const names = all.filter((name) => name === "bare" || !only || only.includes(name));

  const batches: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const sample = await handle.evaluate(
      ([chosen, r, n]) => (window as unknown as { bench: WireBench }).bench.rotate(chosen, r, n),
      [names, rotations, perBatch] as [Variant[], number, number],
    );
    for (const name of names) batches[name]!.push(...sample[name]!);
    process.stderr.write(`round ${round + 1}/${rounds}: bare ${midMean(sample.bare!).toFixed(1)} µs\n`);
  }
  const floor = batches.bare!;
  const floorMean = midMean(floor);
  console.log(
    `${rounds} rounds × ${rotations} batches of ${perBatch} calls per variant; floor ${floorMean.toFixed(1)} µs`,
  );
  console.log("variant         µs/call  Δ floor (paired)  × floor  step");
  let previous = 0;
  for (const name of names) {
    const delta = midMean(batches[name]!.map((value, i) => value - floor[i]!));
    const row = [
      name.padEnd(14),
      midMean(batches[name]!).toFixed(1).padStart(8),
      `+${delta.toFixed(1)}`.padStart(18),
      `${((floorMean + delta) / floorMean).toFixed(3)}`.padStart(8),
      `${delta - previous >= 0 ? "+" : ""}${(delta - previous).toFixed(1)}`.padStart(6),
    ];
    console.log(row.join(" "));
    previous = delta;
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
