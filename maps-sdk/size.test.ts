/** The Maps SDK adapter's budget: at most 1,500 bytes gzip, and no Maps SDK code bundled with it. */
import { expect, it } from "vitest";
import { bundleSize } from "../scripts/bundleSize.ts";

const BUDGET_BYTES = 1500;

it(`the Maps SDK adapter stays within ${BUDGET_BYTES} bytes gzip and carries no @arcgis/core or SDK code`, async () => {
  const { gzip, minified, code } = await bundleSize("maps-sdk/index.ts");
  console.log(`maps-sdk: ${minified} B minified, ${gzip} B gzip -9 (budget ${BUDGET_BYTES})`);
  expect(code).toContain("bindIdentityManager");
  // @arcgis/core's modules open with its copyright banner and declare their classes by name.
  expect(code).not.toMatch(/COPYRIGHT Esri|esri\.identity|declaredClass/);
  // Types only from the SDK: no Comlink, no handshake constants.
  expect(code).not.toMatch(/arcgis-auth-shell\/connect|comlink/i);
  expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
}, 60_000);
