/**
 * `getToken` in headless Chromium: cached (answered by the SDK) and over the port (same window and
 * cross-origin iframe), each round timed in turns with the bare transports' no-op floors, so that
 * every ratio is ours ÷ the floor of the same round.
 */
import type { Browser } from "@playwright/test";
import { openPage, signIn, type WithFrameBench, type WithHostBench } from "./browser.ts";
import { type FloorName, openFloors } from "./floors.ts";
import { type Row, roundsRow } from "./row.ts";
import { inRounds, interleaved, median, ratios, summary } from "./stats.ts";

const SECTION = "getToken p50 (µs/call)";
const ROUNDS = 5;
const BATCHES = 100;
/** Chunks per round in which the two sides of a ratio take turns. */
const CHUNKS = 10;
type Op = "cached" | "session";
type Summary = { p50: number; p99: number };

const timeRow = (name: string, sample: Summary[], perBatch: number, extra = "", budget?: number): Row =>
  roundsRow(
    {
      section: SECTION,
      name,
      unit: "µs",
      ...(budget === undefined ? {} : { budget }),
      note: `per round: p50 of ${BATCHES} batches of ${perBatch.toLocaleString("en-US")} calls; p99 ${median(sample.map((s) => s.p99)).toFixed(1)} µs (median of rounds)${extra}`,
    },
    sample.map((s) => s.p50),
  );

const ratioRow = (name: string, ours: Summary[], floor: Summary[], budget: number): Row =>
  roundsRow(
    {
      section: SECTION,
      name,
      unit: "×",
      budget,
      note: `each round: ours p50 ÷ the floor's p50, the two timed in ${CHUNKS} alternating chunks`,
    },
    ratios(
      ours.map((s) => s.p50),
      floor.map((s) => s.p50),
    ),
  );

/**
 * "Cached" is a second `getToken()` of the same scope; "over the port" is `client.getSession()`,
 * which always reaches the shell and back.
 */
export async function measureGetToken(browser: Browser, log: (line: string) => void): Promise<Row[]> {
  const { page, frames } = await openPage(browser, "/e2e/bench/fixtures/bench-host.html?apps=1&frames=1");
  await signIn(page);
  const frame = frames[0]!;
  const floors = await openFloors(browser);
  const host = (op: Op, batches: number, perBatch: number) => () =>
    page.evaluate(([op, b, n]) => (window as unknown as WithHostBench).bench.timeBatches(0, op, b, n), [
      op,
      batches,
      perBatch,
    ] as const);
  const inFrame = (op: Op, batches: number, perBatch: number) => () =>
    frame.evaluate(([op, b, n]) => (window as unknown as WithFrameBench).bench.timeBatches(op, b, n), [
      op,
      batches,
      perBatch,
    ] as const);
  const floor = (name: FloorName, batches: number, perBatch: number) => () =>
    floors.sample(name, batches, perBatch);
  const floorUp = (batches: number, perBatch: number) => () => floors.sampleUp(batches, perBatch);
  const alone = (take: () => Promise<number[]>) => async () => summary(await take());
  // The two sides of a ratio alternate chunk by chunk within the round (see `interleaved`).
  const pair = (ours: () => Promise<number[]>, floor: () => Promise<number[]>) => async () => {
    const sample = await interleaved(CHUNKS, ours, floor);
    return { ours: summary(sample.a), floor: summary(sample.b) };
  };
  const chunk = BATCHES / CHUNKS;
  try {
    const r = await inRounds(ROUNDS, {
      cached: alone(host("cached", BATCHES, 10_000)),
      cachedFrame: alone(inFrame("cached", BATCHES, 10_000)),
      sameWindow: pair(host("session", chunk, 200), floor("Comlink, same window", chunk, 200)),
      // Ours is timed in the iframe calling up to the shell: its floor is timed the same way.
      crossOrigin: pair(inFrame("session", chunk, 50), floorUp(chunk, 50)),
      // The Comlink-wire floor takes turns with the bare port too, so its ratio is of one moment.
      comlinkUp: pair(() => floors.sampleComlinkUp(chunk, 50), floorUp(chunk, 50)),
      barePortDown: alone(floor("raw port, cross-origin iframe", BATCHES, 50)),
      channel: alone(floor("raw MessageChannel, same window", BATCHES, 200)),
      comlinkFrame: alone(floor("Comlink, cross-origin iframe", BATCHES, 50)),
      penpal: alone(floor("penpal, cross-origin iframe", BATCHES, 50)),
    });
    const side = (pairs: typeof r.sameWindow, which: "ours" | "floor") => pairs.map((p) => p[which]);
    const [port, comlink] = [side(r.sameWindow, "ours"), side(r.sameWindow, "floor")];
    const [portFrame, barePort] = [side(r.crossOrigin, "ours"), side(r.crossOrigin, "floor")];
    const [comlinkWire, bareBeside] = [side(r.comlinkUp, "ours"), side(r.comlinkUp, "floor")];
    const p50s = (sample: Summary[]) => sample.map((s) => s.p50.toFixed(1)).join(", ");
    log(`getToken: port ${p50s(port)} vs Comlink ${p50s(comlink)}`);
    log(`getToken: iframe ${p50s(portFrame)} vs bare port ${p50s(barePort)}`);
    const floorNote = "; no-op call, no auth";
    return [
      timeRow("ours: cached, same window", r.cached, 10_000, "", 5),
      timeRow("ours: cached, cross-origin iframe", r.cachedFrame, 10_000, "", 5),
      timeRow("ours: over the port, same window (getSession)", port, 200),
      timeRow("ours: over the port, cross-origin iframe (getSession)", portFrame, 50),
      ratioRow("ratio: over the port, same window ÷ Comlink floor", port, comlink, 1.3),
      ratioRow("ratio: over the port, cross-origin iframe ÷ bare-port floor", portFrame, barePort, 1.15),
      roundsRow(
        {
          section: SECTION,
          name: "ratio: Comlink expose with the SDK wire ÷ bare-port floor",
          unit: "×",
          note: `informative, no budget: each round, the Comlink-wire floor's p50 ÷ the bare port's p50, the two timed in ${CHUNKS} alternating chunks; what the Comlink wire itself costs over the port`,
        },
        ratios(
          comlinkWire.map((s) => s.p50),
          bareBeside.map((s) => s.p50),
        ),
      ),
      timeRow("floor: raw MessageChannel, same window", r.channel, 200, floorNote),
      timeRow("floor: Comlink, same window", comlink, 200, floorNote),
      timeRow(
        "floor: raw port, cross-origin iframe → parent",
        barePort,
        50,
        `${floorNote}; timed in the iframe, like ours`,
      ),
      timeRow(
        "floor: raw port, parent → cross-origin iframe",
        r.barePortDown,
        50,
        `${floorNote}; timed in the parent`,
      ),
      timeRow("floor: Comlink, cross-origin iframe", r.comlinkFrame, 50, floorNote),
      timeRow(
        "floor: Comlink expose, SDK wire, cross-origin iframe → parent",
        comlinkWire,
        50,
        "; getSession answered by Comlink's expose with a fixed session, no gate, no auth, called with the SDK's own wire code: what the Comlink wire costs under ours (informative)",
      ),
      timeRow("floor: penpal, cross-origin iframe", r.penpal, 50, floorNote),
    ];
  } finally {
    await floors.close();
    await page.close();
  }
}
