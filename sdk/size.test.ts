/** README "Performance": the SDK with its dependencies (none: it speaks Comlink's format itself) stays within 4,500 bytes gzip. */
import { expect, it } from "vitest";
import { bundleSize } from "../scripts/bundleSize.ts";

const BUDGET_BYTES = 4500;
// Ratchet: 4,356 with Comlink's `wrap`; 3,190 since the link sends Comlink's call messages itself.
const CEILING_BYTES = 3300;

it(`the SDK bundle stays within ${BUDGET_BYTES} bytes gzip and carries no zod`, async () => {
  const { gzip, minified, code } = await bundleSize("sdk/index.ts");
  console.log(`sdk: ${minified} B minified, ${gzip} B gzip -9 (budget ${BUDGET_BYTES})`);
  expect(code).not.toMatch(/ZodError|_zod/);
  expect(code).toContain("arcgis-auth-shell/connect");
  expect(gzip).toBeLessThanOrEqual(Math.min(BUDGET_BYTES, CEILING_BYTES));
}, 60_000);
