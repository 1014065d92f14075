/**
 * `npm run soak` (not part of `npm test`): ten micro-apps (same-window apps,
 * cross-origin iframes, a Web Worker) send requests through the SDK for two minutes while the
 * local portal expires every token every 15 s and answers about 5 % of requests with HTTP 503.
 * The run passes only when every request ended — in data, or in the portal's own 503 handed back
 * to its caller (as is, or as the PortalError that names it) — none lost or hanging, none sent
 * more than twice (the one auth retry), and at most one re-authentication per expiry.
 *
 *   npm run soak                      # the full run (wrapped in flock /tmp/arcgis-pw.lock)
 *   npm run soak -- --seconds 20      # a quick smoke run
 *
 * Flags: --seconds (120), --per-second (requests per app per second, 4), --expire-every (s, 15),
 * --fail-rate (0.05). Servers already listening on the fixed ports are reused; missing ones are
 * started and stopped again. The failures come from the portal itself:
 * `POST /__admin/fail {"rate": 0.05}` makes each request fail with that probability.
 */
import { parseArgs } from "node:util";
import { chromium, type Frame } from "@playwright/test";
import { type Records, report } from "../e2e/soak/soak-report.ts";
import { ensureServers } from "../e2e/soak/soak-servers.ts";
import { findChromium } from "./chromium.mjs";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "120" },
    "per-second": { type: "string", default: "4" },
    "expire-every": { type: "string", default: "15" },
    "fail-rate": { type: "string", default: "0.05" },
  },
});
const seconds = Number(values.seconds);
const perSecond = Number(values["per-second"]);
const expireEvery = Number(values["expire-every"]);
const failRate = Number(values["fail-rate"]);
for (const [name, value] of Object.entries({ seconds, perSecond, expireEvery, failRate })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number.`);
}

const ADMIN = "http://localhost:4100/__admin";
const HOST = "http://localhost:5173/e2e/soak/soak-host.html?apps=6&frames=3";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function admin(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${ADMIN}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /__admin/${path} answered ${response.status}`);
}

type SoakWindow = {
  soak: {
    start(ms: number, perSecond: number): Promise<void>;
    records(): Records;
    ready?(): Promise<void>;
    events?: string[];
  };
};

async function main(): Promise<boolean> {
  const servers = await ensureServers();
  const browser = await chromium.launch({ executablePath: findChromium() });
  try {
    await admin("reset");
    const context = await browser.newContext();
    const sends = new Map<string, number>();
    let injected503 = 0;
    let tokenAnswers503 = 0;
    context.on("request", (request) => {
      const url = new URL(request.url());
      const id = url.searchParams.get("soakId");
      if (id) sends.set(id, (sends.get(id) ?? 0) + 1);
    });
    context.on("response", (response) => {
      if (response.status() !== 503) return;
      injected503++;
      if (response.url().endsWith("/oauth2/token")) tokenAnswers503++;
    });

    const page = await context.newPage();
    let popups = 0;
    page.on("popup", () => popups++);
    await page.goto(HOST);
    await page.locator("#status").getByText("ready").waitFor();
    await page.evaluate(() => (window as unknown as SoakWindow).soak.ready?.());
    const frames = await waitForFrames(page.frames.bind(page), 3);

    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Sign in" }).click();
    const form = await popup;
    await form.getByLabel("Username").fill("jsmith");
    await form.getByLabel("Password").fill("arcgis123");
    await form.getByRole("button", { name: "Sign In" }).click();
    await page.locator("#status").getByText("signed in jsmith").waitFor();

    const start = Date.now();
    const durationMs = seconds * 1000;
    console.log(
      `soak: 10 apps (6 same-window, 3 iframes, 1 worker), ${perSecond} req/s each, ${seconds} s, ` +
        `expire every ${expireEvery} s, ${failRate * 100} % HTTP 503`,
    );
    const runs = Promise.all([
      page.evaluate(([ms, rate]) => (window as unknown as SoakWindow).soak.start(ms, rate), [
        durationMs,
        perSecond,
      ] as const),
      ...frames.map((frame) =>
        frame.evaluate(([ms, rate]) => (window as unknown as SoakWindow).soak.start(ms, rate), [
          durationMs,
          perSecond,
        ] as const),
      ),
    ]);
    let expiries = 0;
    const expirer = setInterval(() => {
      expiries++;
      void admin("expire");
    }, expireEvery * 1000);
    await admin("fail", { rate: failRate });
    const stopChaos = () => {
      clearInterval(expirer);
      void admin("fail", { rate: 0 }).catch(() => {});
    };
    // Every request must end: a run still going a minute after the last request was sent hangs.
    const ended = await Promise.race([
      runs.then(() => true),
      sleep(durationMs).then(() => {
        stopChaos();
        return sleep(60_000).then(() => false);
      }),
    ]);
    stopChaos();
    await admin("fail", { count: 0, rate: 0 }).catch(() => {});

    const records: Records = Object.assign(
      {},
      await page.evaluate(() => (window as unknown as SoakWindow).soak.records()),
      ...(await Promise.all(
        frames.map((frame) => frame.evaluate(() => (window as unknown as SoakWindow).soak.records())),
      )),
    );
    const log = (await (await fetch(`${ADMIN}/log`)).json()) as { time: number; path: string }[];
    const tokenRequests = log.filter((e) => e.time >= start && e.path.endsWith("/oauth2/token")).length;
    const reauthentications = tokenRequests - tokenAnswers503;
    const events = await page.evaluate(() => (window as unknown as SoakWindow).soak.events ?? []);
    return report({
      records,
      sends,
      ended,
      expiries,
      reauthentications,
      tokenRequests,
      injected503,
      popups,
      events,
    });
  } finally {
    await browser.close();
    for (const server of servers) server.kill();
  }
}

async function waitForFrames(frames: () => Frame[], count: number): Promise<Frame[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const apps = frames().filter((f) => f.url().startsWith("http://127.0.0.1:5174"));
    const connected = await Promise.all(
      apps.map((f) =>
        f
          .locator("#out")
          .textContent()
          .then(
            (t) => t === "connected",
            () => false,
          ),
      ),
    );
    if (apps.length === count && connected.every(Boolean)) return apps;
    if (Date.now() > deadline) throw new Error("The soak's iframe apps did not connect.");
    await sleep(200);
  }
}

main().then(
  (passed) => {
    console.log(passed ? "soak: PASSED" : "soak: FAILED");
    process.exit(passed ? 0 : 1);
  },
  (error: unknown) => {
    console.error(`soak: ERROR ${(error as Error)?.stack ?? error}`);
    process.exit(1);
  },
);
