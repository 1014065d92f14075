/**
 * README "Performance": the shell with its dependencies except single-spa (Comlink, nanoevents, zod/mini) stays
 * within 16,000 bytes gzip. Not reached yet (shell/README.md "Size"): with zod/mini validating the
 * inbound messages the bundle is about 18,000 bytes, so this test holds that figure (no regression)
 * until the budget is met; then CEILING_BYTES becomes BUDGET_BYTES.
 */
import { expect, it } from "vitest";
import { bundleSize } from "../scripts/bundleSize.ts";

const BUDGET_BYTES = 16_000;
// 18,000 after the zod diet; +100 for refusing http URLs to https-only sessions (SECURITY.md);
// +300 for dropping (and revoking) portal answers that outlive their session (shell/session/epoch.ts);
// +200 for errors with fixed messages, the per-app lookup budget, the bounded verdict cache and
// the refusal of encoded separators.
// +700 for the embedded host's per-frame ask policy and token check (shell/embedded/).
// +20 for errors that are not ours crossing to apps with their name and a scrubbed message
// instead of as sign-in-failed (protocol/errors.ts).
const CEILING_BYTES = 19_520;

it(`the shell bundle stays within ${CEILING_BYTES} bytes gzip (SPEC budget ${BUDGET_BYTES})`, async () => {
  const { gzip, minified, code } = await bundleSize("shell/index.ts");
  console.log(`shell: ${minified} B minified, ${gzip} B gzip -9 (budget ${BUDGET_BYTES})`);
  expect(code).toContain("arcgis-auth-shell/connected");
  expect(code).not.toContain("single-spa");
  expect(gzip).toBeLessThanOrEqual(CEILING_BYTES);
}, 60_000);
