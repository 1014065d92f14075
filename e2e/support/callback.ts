/**
 * Shared by the callback page specs (e2e/callback-*.spec.ts): addresses, the test answer, and the
 * helpers that prove delivery and non-delivery without sleeps.
 */
import { type BrowserContext, expect, type Page } from "@playwright/test";

export const HOST = "http://localhost:5173";
export const OTHER = "http://127.0.0.1:5174";
export const EVIL = "http://evil.test";
export const OPENER_PATH = "/e2e/fixtures/callback-opener.html";
export const TYPE = "arcgis-auth-shell/callback";
export const PENDING_PREFIX = "arcgis-auth-shell:redirect:";
export const RESULT_KEY = "arcgis-auth-shell:redirect-result";
/** What the probe below posts right before the callback closes itself. */
export const CLOSING = "callback-closing";

export const STATE = "state-0123456789abcdef0123456789abcdef";
export const TOKEN = "tok+en/SECRET==";
export const IMPLICIT = `#access_token=${encodeURIComponent(TOKEN)}&expires_in=7200&username=c%40sey&ssl=true&persist=false&state=${STATE}`;
export const CODE = `?code=SECRETCODE&state=${STATE}`;

export interface Received {
  via: "window" | "channel";
  origin: string;
  fromPopup: boolean;
  data: unknown;
}

/**
 * Cross-origin popups: makes the callback post CLOSING to its opener (exact origin) just before it
 * closes. Messages from one window to another arrive in the order they were posted, so once
 * CLOSING is in the log every message the callback posted before it has arrived too: that proves
 * non-delivery without a sleep. Only window.close is wrapped; the page's own code runs unchanged.
 * (Playwright does not run init scripts in a same-origin popup's first document; see settle().)
 */
export async function announceClosing(context: BrowserContext, openerOrigin: string): Promise<void> {
  await context.addInitScript(
    ({ origin, closing }) => {
      if (location.pathname !== "/callback.html") return;
      const close = window.close.bind(window);
      window.close = () => {
        window.opener?.postMessage(closing, origin);
        close();
      };
    },
    { origin: openerOrigin, closing: CLOSING },
  );
}

/** Opens `callbackUrl` from the opener fixture like a shell's popup and waits until it has closed. */
export async function openAndWaitForClose(
  opener: Page,
  callbackUrl: string,
  features?: string,
): Promise<void> {
  const popupEvent = opener.waitForEvent("popup");
  await opener.evaluate(([url, f]) => window.openCallback(url, f), [callbackUrl, features] as const);
  const popup = await popupEvent;
  if (!popup.isClosed()) await popup.waitForEvent("close");
}

export const received = (page: Page) => page.evaluate(() => window.received as Received[]);

/** The log once the probe's CLOSING message arrived, without the probe's message. */
export async function receivedBeforeClosing(page: Page): Promise<Received[]> {
  await expect.poll(async () => (await received(page)).some((entry) => entry.data === CLOSING)).toBe(true);
  const log = await received(page);
  expect(log.at(-1)?.data).toBe(CLOSING);
  return log.slice(0, -1);
}

/**
 * Same-origin popups share the opener's event loop: whatever the popup posted before it closed is
 * already queued there, so a message the opener posts to itself after the close arrives after it.
 * Returns the log up to that marker.
 */
export async function receivedBeforeSettled(page: Page): Promise<Received[]> {
  await page.evaluate(() => window.postMessage("settled", location.origin));
  await expect.poll(async () => (await received(page)).some((entry) => entry.data === "settled")).toBe(true);
  const log = await received(page);
  expect(log.at(-1)?.data).toBe("settled");
  return log.slice(0, -1);
}

export const tokenMessage = {
  type: TYPE,
  version: 1,
  state: STATE,
  result: { kind: "token", token: TOKEN, expires: expect.any(Number), username: "c@sey", ssl: true },
};
export const codeMessage = {
  type: TYPE,
  version: 1,
  state: STATE,
  result: { kind: "code", code: "SECRETCODE" },
};
