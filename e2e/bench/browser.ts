/**
 * Headless Chromium for the runtime figures (Playwright as a library, the same Chromium as the
 * tests) and the few page actions every measurement needs: open a bench page, sign in through the
 * portal's real form, call the portal's admin controls.
 */
import { type Browser, chromium, type Frame, type Page } from "@playwright/test";
import { findChromium } from "../../scripts/chromium.mjs";
import type { FrameBench } from "./fixtures/bench-frame.ts";
import type { HostBench } from "./fixtures/bench-host.ts";

export const HOST = "http://localhost:5173";
export const FRAME_ORIGIN = "http://127.0.0.1:5174";
export const ADMIN = "http://localhost:4100/__admin";
/** The secured layer on the federated server (its token comes from `generateToken`). */
export const TREES = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query";
export const TREES_QUERY = `${TREES}?where=1%3D1&outFields=*&f=json`;

/** `window.bench` of the host page and of an SDK iframe, as seen from `evaluate`. */
export type WithHostBench = { bench: HostBench };
export type WithFrameBench = { bench: Required<FrameBench> };

/** Launches headless Chromium; resolves with its version for the machine line. */
export async function launch(): Promise<{ browser: Browser; version: string }> {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true });
  return { browser, version: browser.version() };
}

/** Calls a portal admin control (`reset`, `expire`). */
export async function admin(path: "reset" | "expire", body: object = {}): Promise<void> {
  const response = await fetch(`${ADMIN}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /__admin/${path}: HTTP ${response.status}`);
}

/** The portal's request log entries since `since` (epoch ms). */
export async function portalLogSince(since: number): Promise<{ time: number; path: string }[]> {
  const log = (await (await fetch(`${ADMIN}/log`)).json()) as { time: number; path: string }[];
  return log.filter((entry) => entry.time >= since);
}

/** Waits until `selector` in `target` reads `text` (the fixtures' status lines). */
async function waitForText(target: Page | Frame, selector: string, text: string): Promise<void> {
  await target.waitForFunction(
    ([selector, text]) => document.querySelector(selector)?.textContent === text,
    [selector, text] as const,
    { timeout: 20_000 },
  );
}

/** Opens a fresh page on `path` (under HOST) and waits for it and its iframes to be ready. */
export async function openPage(browser: Browser, path: string): Promise<{ page: Page; frames: Frame[] }> {
  const page = await browser.newPage();
  await page.goto(`${HOST}${path}`);
  await waitForText(page, "#status", "ready");
  const frames: Frame[] = [];
  for (const element of await page.locator("iframe").elementHandles()) {
    const frame = await element.contentFrame();
    if (frame) frames.push(frame);
  }
  for (const frame of frames) {
    await frame.waitForFunction(() => "bench" in window, undefined, { timeout: 20_000 });
  }
  return { page, frames };
}

/** Signs in through the shell's popup and the portal's real form (jsmith). */
export async function signIn(page: Page): Promise<void> {
  const popupOpened = page.waitForEvent("popup");
  await page.click("#sign-in");
  const popup = await popupOpened;
  await popup.getByLabel("Username").fill("jsmith");
  await popup.getByLabel("Password").fill("arcgis123");
  await popup.getByRole("button", { name: "Sign In" }).click();
  await waitForText(page, "#status", "signed in jsmith");
}
