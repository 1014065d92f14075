/**
 * `npm run bench`: measures every budget of README "Performance" beside the peers' figures in one run,
 * prints one table, writes it (full runs only) to e2e/bench/results/latest.json and latest.md, and
 * exits 1 when a budget is broken (2 when the bench itself failed; a "noisy" row breaks nothing,
 * see row.ts).
 * Runtime figures need the fixed local ports (README): running servers are reused, missing ones
 * are started and stopped again.
 * `--only=sizes,gettoken,callback,fanin,recovery,fromparent,growth,throughput` runs a subset (`gettoken`
 * includes the transports' floors: its ratios need them in the same round).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser } from "@playwright/test";
import { launch } from "./browser.ts";
import { measureFanIn } from "./fanin.ts";
import { measureGetToken } from "./gettoken.ts";
import { measureGrowth } from "./growth.ts";
import { measureCallback, measureFromParent } from "./latency.ts";
import { describeMachine } from "./machine.ts";
import { measureRecovery } from "./recovery.ts";
import { breaksBudget, type Row, verdictOf } from "./row.ts";
import { ensureServers } from "./servers.ts";
import { measureSizes } from "./sizes.ts";
import { LEGEND, renderMarkdown, renderText } from "./table.ts";
import { measureThroughput } from "./throughput.ts";

type Log = (line: string) => void;
const log: Log = (line) => process.stderr.write(`  ${line}\n`);

/** Browser measurements in run order; each names the rows it would fill. */
const RUNTIME: { key: string; measure: (browser: Browser, log: Log) => Promise<Row[]> }[] = [
  { key: "gettoken", measure: measureGetToken },
  { key: "callback", measure: (browser) => measureCallback(browser) },
  { key: "fanin", measure: measureFanIn },
  { key: "recovery", measure: measureRecovery },
  { key: "fromparent", measure: (browser) => measureFromParent(browser) },
  { key: "growth", measure: measureGrowth },
  { key: "throughput", measure: measureThroughput },
];

function parseOnly(argv: string[]): Set<string> | null {
  const flag = argv.find((arg) => arg.startsWith("--only="));
  return flag ? new Set(flag.slice("--only=".length).split(",")) : null;
}

/**
 * Stops the servers started here when the run dies outside `main`'s own error path (an exception
 * in a Playwright route handler, Ctrl-C): a portal left behind would hold the fixed ports.
 */
function stopOnCrash(stopServers: () => Promise<void>): void {
  const stopAndExit = (code: number) => (reason?: unknown) => {
    if (reason !== undefined && typeof reason !== "string") console.error(reason);
    void stopServers().finally(() => process.exit(code));
  };
  process.once("uncaughtException", stopAndExit(2));
  process.once("unhandledRejection", stopAndExit(2));
  process.once("SIGINT", stopAndExit(130));
  process.once("SIGTERM", stopAndExit(143));
}

async function main(): Promise<number> {
  const only = parseOnly(process.argv.slice(2));
  const wanted = (key: string) => only === null || only.has(key);
  const rows: Row[] = [];
  if (wanted("sizes")) rows.push(...(await measureSizes(log)));

  let chromiumVersion: string | null = null;
  const runtime = RUNTIME.filter((step) => wanted(step.key));
  if (runtime.length > 0) {
    const stopServers = await ensureServers(log);
    stopOnCrash(stopServers);
    const { browser, version } = await launch();
    chromiumVersion = version;
    try {
      await fetch("http://localhost:4100/__admin/reset", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      for (const step of runtime) {
        log(`measuring ${step.key}`);
        rows.push(...(await step.measure(browser, log)));
      }
    } finally {
      await browser.close();
      await stopServers();
    }
  }

  const machine = describeMachine(chromiumVersion);
  const broken = rows.filter(breaksBudget);
  const noisy = rows.filter((row) => verdictOf(row) === "noisy");
  const date = new Date().toISOString();
  console.log(
    `\n${renderText(rows)}\n\n${LEGEND}\n${machine}\n${broken.length} budget(s) broken, ${noisy.length} noisy\n`,
  );
  // Only a full run replaces the recorded results: a subset would drop every row it skipped.
  if (only === null) {
    const results = new URL("results/", import.meta.url);
    mkdirSync(results, { recursive: true });
    writeFileSync(new URL("latest.json", results), `${JSON.stringify({ date, machine, rows }, null, 2)}\n`);
    const markdown = `${renderMarkdown(rows)}\n\n${LEGEND}\n\nMeasured ${date.slice(0, 10)} on ${machine} (\`npm run bench\`).\n`;
    writeFileSync(new URL("latest.md", results), markdown);
  }
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
