/**
 * Helpers for specs that drive the local portal (examples/portal/README.md): admin controls and the real sign-in form.
 * In a spec, the addresses below reach the worker's own portal (e2e/support/test.ts).
 */
import { expect, type Page } from "@playwright/test";

export const PORTAL = "http://localhost:4100/sharing/rest";
export const ADMIN = "http://localhost:4100/__admin";
export const TREES_QUERY =
  "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query?where=1%3D1&outFields=*&f=json";
export const PARCELS_QUERY =
  "http://localhost:4300/arcgis/rest/services/Parcels/FeatureServer/0/query?where=1%3D1&outFields=*&f=json";

/** One entry of `GET /__admin/log`. */
export interface PortalLogEntry {
  time: number;
  host: string;
  method: string;
  path: string;
  token: string | null;
}

async function admin(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${ADMIN}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok, `POST /__admin/${path}`).toBe(true);
}

/** Forgets every token, code and log entry. */
export const resetPortal = () => admin("reset");
/** Every access token (and with `refresh`, every refresh token) stops working. */
export const expireTokens = (refresh = false) => admin("expire", refresh ? { refresh: true } : {});

/** The portal's request log. */
export async function portalLog(): Promise<PortalLogEntry[]> {
  return (await fetch(`${ADMIN}/log`)).json() as Promise<PortalLogEntry[]>;
}

/** Fills the portal's sign-in form in `popup` and submits it (or presses Cancel). */
export async function answerSignIn(
  popup: Page,
  action: "sign-in" | "cancel" = "sign-in",
  username = "jsmith",
) {
  await popup.getByLabel("Username").waitFor();
  if (action === "cancel") {
    await popup.getByRole("button", { name: "Cancel" }).click();
    return;
  }
  await popup.getByLabel("Username").fill(username);
  await popup.getByLabel("Password").fill("arcgis123");
  await popup.getByRole("button", { name: "Sign In" }).click();
}

/**
 * Signs in through the shell's sign-in dialog on `page` (the one named `name`, when given): waits
 * for the dialog, presses its Sign in button and answers the portal's form in the popup that opens.
 */
export async function signInThroughPrompt(page: Page, name?: RegExp) {
  const dialog = page.getByRole("dialog", name ? { name } : {});
  await expect(dialog).toBeVisible();
  const popup = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
}

/** Counts the popups `page` opens from now on. */
export function countPopups(page: Page): { readonly count: number; readonly all: Page[] } {
  const all: Page[] = [];
  page.on("popup", (popup) => all.push(popup));
  return {
    get count() {
      return all.length;
    },
    all,
  };
}
