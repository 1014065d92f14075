/**
 * Security, malformed answers from the sign-in popup itself (docs/protocol.md §1). The
 * attacker runs code in the popup, on the callback's origin, so `event.origin` and `event.source`
 * are right and only the schema stands between it and the session: wrong type or version, extra
 * fields, `__proto__`/`constructor` keys, huge values. Real shell (shell-host), real portal.
 */

import { HOST_ORIGIN } from "./fixtures/security-evil.ts";
import {
  forgedAnswer as forged,
  ignoredCounts as ignored,
  pendingSignIn,
  CALLBACK_TYPE as TYPE,
} from "./fixtures/security-signin.ts";
import { resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = `${HOST_ORIGIN}/e2e/fixtures/shell-host.html`;
const NEUTRAL = `${HOST_ORIGIN}/e2e/fixtures/security-frame.html`;

test.beforeEach(() => resetPortal());

/**
 * The attacker runs code in the sign-in popup itself, on the callback's origin, so origin and
 * source are right: only the schema stands. Each message carries the real pending state. The
 * control at the end is well-formed with another state: it ends the sign-in with
 * StateMismatchError, and since messages from one window arrive in order, everything before it
 * was handled (and ignored) by then.
 */
async function postFromPopup(page: Page, build: string) {
  await page.goto(HOST);
  const { popup, state } = await pendingSignIn(page);
  await popup.goto(NEUTRAL);
  const before = await ignored(page);
  const sent = await popup.evaluate(
    ({ build, state, control }) => {
      const messages = new Function("state", `return ${build}`)(state) as unknown[];
      for (const message of messages) window.opener.postMessage(message, location.origin);
      window.opener.postMessage(control, location.origin);
      return messages.length;
    },
    { build, state, control: forged("control-state") },
  );
  await expect(page.locator("#result")).toHaveText("error state-mismatch");
  const after = await ignored(page);
  expect(after).toEqual({ ...before, schema: before.schema + sent });
  await expect(page.locator("#session")).toHaveText("signed out");
  expect(await page.evaluate(() => (Object.prototype as { polluted?: unknown }).polluted ?? null)).toBeNull();
  return sent;
}

test("from the popup itself: wrong type, version or shape is ignored", async ({ page }) => {
  const valid = `{ type: "${TYPE}", version: 1, state, result: { kind: "token", token: "forged-token", expires: Date.now() + 3600000, username: "mallory", ssl: false } }`;
  const sent = await postFromPopup(
    page,
    `[
      { ...${valid}, type: "arcgis-auth-shell/callbacks" },
      { ...${valid}, type: "arcgis:auth:credential" },
      { ...${valid}, version: 2 },
      { ...${valid}, version: "1" },
      { ...${valid}, state: undefined },
      { ...${valid}, state: "" },
      { ...${valid}, state: [state] },
      { ...${valid}, result: { ...${valid}.result, kind: "session" } },
      { ...${valid}, result: { ...${valid}.result, expires: "never" } },
      { ...${valid}, result: { ...${valid}.result, ssl: "true" } },
      { ...${valid}, result: undefined },
      JSON.stringify(${valid}),
      [${valid}],
      null,
      42,
    ]`,
  );
  expect(sent).toBe(15);
});

test("from the popup itself: extra fields and __proto__/constructor keys are ignored and pollute nothing", async ({
  page,
}) => {
  const valid = `{ "type": "${TYPE}", "version": 1, "state": "' + state + '", "result": { "kind": "token", "token": "forged-token", "expires": 4102444800000, "username": "mallory", "ssl": false } }`;
  const parse = (json: string) => `JSON.parse('${json}')`;
  await postFromPopup(
    page,
    `[
      { ...${parse(valid)}, scope: "admin" },
      { ...${parse(valid)}, result: { ...${parse(valid)}.result, refreshToken: "r" } },
      ${parse(valid.replace('"version": 1,', '"version": 1, "__proto__": { "polluted": "yes" },'))},
      ${parse(valid.replace('"kind": "token",', '"kind": "token", "__proto__": { "polluted": "yes" },'))},
      ${parse(valid.replace('"version": 1,', '"version": 1, "constructor": { "prototype": { "polluted": "yes" } },'))},
      ${parse(valid.replace('"version": 1,', '"version": 1, "prototype": { "polluted": "yes" },'))},
    ]`,
  );
  expect(
    await page.evaluate(() => [window.shell.session, ({} as { polluted?: unknown }).polluted ?? null]),
  ).toEqual([null, null]);
});

test("from the popup itself: huge values (1 MB token, 17 KB state, username, code, description) are ignored", async ({
  page,
}) => {
  await postFromPopup(
    page,
    `(() => {
      const big = (n) => "A".repeat(n);
      const base = { type: "${TYPE}", version: 1, state };
      const token = (over) => ({ ...base, result: { kind: "token", token: "t", expires: Date.now() + 3600000, username: "mallory", ssl: false, ...over } });
      return [
        token({ token: big(1024 * 1024) }),
        token({ username: big(17 * 1024) }),
        { ...token({}), state: state + big(17 * 1024) },
        { ...base, result: { kind: "code", code: big(17 * 1024) } },
        { ...base, result: { kind: "error", error: "x", description: big(17 * 1024) } },
        { ...base, result: { kind: "error", error: big(17 * 1024), description: "" } },
      ];
    })()`,
  );
});
