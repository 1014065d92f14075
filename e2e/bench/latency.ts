/**
 * Latencies in headless Chromium beside what bounds them in the same round: callback page load →
 * `signed-in` against the token endpoint's own round trip in that very sign-in, and the
 * `fromParent` credential from our shell against rest-js's own `enablePostMessageAuth` host.
 */
import type { Browser, Page } from "@playwright/test";
import { FRAME_ORIGIN, openPage, signIn, type WithFrameBench, type WithHostBench } from "./browser.ts";
import { serveBuiltCallback } from "./builtCallback.ts";
import { type Row, roundsRow } from "./row.ts";
import { inRounds, interleaved, median, midMean, ratios, summary } from "./stats.ts";

const CALLBACK = "callback page load → signed-in (ms)";
/** What the budget allows on top of the token endpoint's round trip. */
const CALLBACK_SLACK_MS = 10;
const CALLBACK_ROUNDS = 3;
const SIGN_INS_PER_ROUND = 5;

/** One sign-in's times (ms): the budgeted span, its parts, and the code exchange's round trip. */
interface SignInTimes {
  total: number;
  afterMessage: number;
  scriptLoad: number;
  tokenRoundTrip: number;
}

/** Signs in once and reads the times of that sign-in from the host page (then signs out). */
async function timeOneSignIn(page: Page): Promise<SignInTimes> {
  await signIn(page);
  const times = await page.evaluate(() => {
    const { events, callbackTimes } = (window as unknown as WithHostBench).bench;
    const signedIn = events.filter((e) => e.name === "signed-in").at(-1)!.at;
    const callback = callbackTimes.at(-1)!;
    // The shell's own POST to the token endpoint after the callback's message (PKCE only), as
    // the browser timed it: request start to the last byte of the answer.
    const exchange = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => e.name.endsWith("/oauth2/token"))
      .filter((e) => performance.timeOrigin + e.startTime >= callback.messageAt - 1)
      .at(-1);
    performance.clearResourceTimings();
    return {
      total: signedIn - callback.scriptEnd,
      afterMessage: signedIn - callback.messageAt,
      scriptLoad: callback.scriptEnd - callback.responseEnd,
      tokenRoundTrip: exchange ? exchange.responseEnd - exchange.startTime : Number.NaN,
    };
  });
  await page.evaluate(() => (window as unknown as WithHostBench).bench.shell.signOut());
  return times;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Callback page load (its HTML and script received) → the shell's `signed-in`, in rounds of real
 * sign-ins per flow. The time the server takes to deliver the script is reported beside it, not in
 * it: here that is the Vite dev server on a busy machine, not a deployment's static host. The
 * popup gets the production callback page (see builtCallback.ts). The budget is for the default
 * flow (PKCE), where `signed-in` also waits for the code exchange with the portal: each sign-in's
 * time is divided by that exchange's own round trip plus the allowed slack.
 */
export async function measureCallback(browser: Browser): Promise<Row[]> {
  const rows: Row[] = [];
  for (const flow of ["pkce", "implicit"] as const) {
    const { page } = await openPage(
      browser,
      `/e2e/bench/fixtures/bench-host.html?apps=1&frames=0&flow=${flow}`,
    );
    await serveBuiltCallback(page.context());
    const rounds: SignInTimes[][] = [];
    for (let round = 0; round < CALLBACK_ROUNDS; round++) {
      const signIns: SignInTimes[] = [];
      for (let i = 0; i < SIGN_INS_PER_ROUND; i++) signIns.push(await timeOneSignIn(page));
      rounds.push(signIns);
    }
    await page.close();
    const all = rounds.flat();
    const perRound = (pick: (t: SignInTimes) => number) => rounds.map((r) => median(r.map(pick)));
    const overall = (pick: (t: SignInTimes) => number) => median(all.map(pick));
    const signIns = `${CALLBACK_ROUNDS} rounds of ${SIGN_INS_PER_ROUND} sign-ins`;
    const note = `p99 ${ms(summary(all.map((t) => t.total)).p99)} over ${all.length} sign-ins; of which message → signed-in ${ms(overall((t) => t.afterMessage))}; not included: HTML → script received ${ms(overall((t) => t.scriptLoad))} (dev server); medians of ${signIns}`;
    if (flow === "implicit") {
      rows.push(
        roundsRow(
          { section: CALLBACK, name: "ours: implicit flow, built callback page", unit: "ms", note },
          perRound((t) => t.total),
        ),
      );
      continue;
    }
    rows.push(
      roundsRow(
        { section: CALLBACK, name: "ours: PKCE (default), built callback page", unit: "ms", note },
        perRound((t) => t.total),
      ),
      roundsRow(
        {
          section: CALLBACK,
          name: "token endpoint round trip (the code exchange inside that sign-in)",
          unit: "ms",
          note: "the shell's POST to oauth2/token as the browser timed it (request start → response end)",
        },
        perRound((t) => t.tokenRoundTrip),
      ),
      roundsRow(
        {
          section: CALLBACK,
          name: `ratio: PKCE callback → signed-in ÷ (token round trip + ${CALLBACK_SLACK_MS} ms)`,
          unit: "×",
          budget: 1,
          note: `each sign-in divided by its own exchange's round trip + ${CALLBACK_SLACK_MS} ms; median per round`,
        },
        perRound((t) => t.total / (t.tokenRoundTrip + CALLBACK_SLACK_MS)),
      ),
    );
  }
  return rows;
}

const FROM_PARENT = "fromParent credential, one ask per fresh iframe (µs)";
const FROM_PARENT_ROUNDS = 5;
/** Fresh iframes per host and round; ours and rest-js take turns frame by frame. */
const FROM_PARENT_FRAMES = 10;
const FROM_PARENT_CHILD = `${FRAME_ORIGIN}/e2e/bench/fixtures/bench-frame.html?parent=http://localhost:5173&mode=fromparent`;
const FRAME_LOAD_TIMEOUT_MS = 20_000;

/**
 * Adds a fresh iframe of the `fromParent` child to `page`, times its one `fromParent` call (µs)
 * and removes it again: a new iframe element is a new frame to the host's ask policy.
 */
async function askFromFreshFrame(page: Page): Promise<number> {
  const element = await page.evaluateHandle(
    async ([src, timeoutMs]) => {
      const frame = document.createElement("iframe");
      const loaded = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${src} did not load`)), timeoutMs);
        frame.addEventListener("load", () => resolve(clearTimeout(timer)), { once: true });
      });
      frame.src = src;
      document.body.append(frame);
      await loaded;
      return frame;
    },
    [FROM_PARENT_CHILD, FRAME_LOAD_TIMEOUT_MS] as const,
  );
  try {
    const frame = await element.contentFrame();
    if (!frame) throw new Error("the fromParent iframe has no frame");
    await frame.waitForFunction(() => "bench" in window, undefined, { timeout: FRAME_LOAD_TIMEOUT_MS });
    return await frame.evaluate(() => (window as unknown as WithFrameBench).bench.timeFromParent());
  } finally {
    await element.evaluate((frame) => frame.remove());
    await element.dispose();
  }
}

/**
 * `fromParent` from a cross-origin iframe, answered by our shell and by rest-js's own host: both
 * pages stay open, and within each round they take turns, each time with a fresh iframe that asks
 * once (see bench-frame.ts for why once).
 */
export async function measureFromParent(browser: Browser): Promise<Row[]> {
  const ours = await openPage(browser, "/e2e/bench/fixtures/bench-host.html?apps=1&frames=0");
  await signIn(ours.page);
  const peer = await openPage(browser, "/e2e/bench/fixtures/restjs-host.html");
  const one = (page: Page) => async () => [await askFromFreshFrame(page)];
  const round = async () => {
    const sample = await interleaved(FROM_PARENT_FRAMES, one(ours.page), one(peer.page));
    const figures = (times: number[]) => ({ mid: midMean(times), slowest: Math.max(...times) });
    return { ours: figures(sample.a), peer: figures(sample.b) };
  };
  try {
    // One frame each first: the child's modules are then in the browser's cache for every round.
    await askFromFreshFrame(ours.page);
    await askFromFreshFrame(peer.page);
    const rounds = (await inRounds(FROM_PARENT_ROUNDS, { round })).round;
    const r = { ours: rounds.map((x) => x.ours), peer: rounds.map((x) => x.peer) };
    const row = (name: string, sample: typeof r.ours) =>
      roundsRow(
        {
          section: FROM_PARENT,
          name,
          unit: "µs",
          note: `per round: mean of the middle half of ${FROM_PARENT_FRAMES} fresh iframes, each timing its one fromParent call (ask → credential; the clock steps by 100 µs); slowest frame ${median(sample.map((s) => s.slowest)).toFixed(0)} µs (median of rounds)`,
        },
        sample.map((s) => s.mid),
      );
    return [
      row("ours: shell embedded host", r.ours),
      row("peer: rest-js enablePostMessageAuth", r.peer),
      roundsRow(
        {
          section: FROM_PARENT,
          name: "ratio: ours ÷ rest-js enablePostMessageAuth",
          unit: "×",
          budget: 1,
          note: "each round: ours ÷ rest-js, the two hosts taking turns frame by frame; one ask per frame because the shell bounds a frame's repeated asks (shell/embedded/askPolicy.ts), rest-js does not",
        },
        ratios(
          r.ours.map((s) => s.mid),
          r.peer.map((s) => s.mid),
        ),
      ),
    ];
  } finally {
    await ours.page.close();
    await peer.page.close();
  }
}
