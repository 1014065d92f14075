/**
 * `npx tsx scripts/screenshot.ts`: saves docs/demo.png (1280×800) of the demo after a sign-in and
 * one "Expire all tokens" round, so the event log shows the coordinated retry. It starts nothing:
 * run `npm start` first (local portal, jsmith / arcgis123).
 */
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { findChromium } from "./chromium.mjs";

const HOST = "http://localhost:5173/";
const OUTPUT = "docs/demo.png";
const WAIT = { timeout: 20_000 };

async function signIn(page: Page): Promise<void> {
  const popupPromise = page.waitForEvent("popup", WAIT);
  await page.getByRole("banner").getByRole("button", { name: "Sign in" }).click();
  const popup = await popupPromise;
  await popup.getByLabel("Username").fill("jsmith", WAIT);
  await popup.getByLabel("Password").fill("arcgis123");
  await popup.getByRole("button", { name: "Sign In" }).click();
  await page.getByRole("banner").getByText("jsmith").waitFor(WAIT);
}

/** Waits until every app shows its data, `times` loads each. */
async function appsLoaded(page: Page, times: number): Promise<void> {
  const log = page.getByRole("region", { name: "Event log" }).getByRole("listitem");
  for (const line of [
    "community/self loaded",
    "features Trees loaded",
    "embedded Trees loaded",
    "restjs rest-js",
    "map Maps SDK: Trees layer loaded",
  ]) {
    await log
      .filter({ hasText: line })
      .nth(times - 1)
      .waitFor(WAIT);
  }
  // The unmodified Maps SDK iframe loads once, when it is mounted after the sign-in.
  await log.filter({ hasText: "mapsembedded Maps SDK: Trees layer loaded" }).first().waitFor(WAIT);
}

const browser = await chromium.launch({ executablePath: findChromium() });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(HOST, WAIT).catch(() => {
    throw new Error(`Nothing answers at ${HOST}: start the demo with \`npm start\` first.`);
  });
  await signIn(page);
  await appsLoaded(page, 1);
  await page.getByRole("button", { name: "Expire all tokens", exact: true }).click();
  await appsLoaded(page, 2);
  await page.getByRole("heading", { name: "Event log" }).hover(); // no hover styles on the buttons
  mkdirSync("docs", { recursive: true });
  await page.screenshot({ path: OUTPUT });
  console.log(`saved ${OUTPUT}`);
} finally {
  await browser.close();
}
