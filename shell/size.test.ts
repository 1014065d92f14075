/**
 * README "Performance", gzip -9 with the dependencies except single-spa (Comlink, nanoevents,
 * zod/mini), the bundler's loader for `import()` not counted (scripts/bundleSize.ts says why):
 * - first load: what a host loads to create the shell and restore a session, measured like the
 *   peers, through a host entry (e2e/bench/entries/shell-host.ts): its chunk and what it imports
 *   statically. Budget 10,000 B.
 * - in all: every export of shell/index.ts with every chunk, the ones loaded on first use too, as
 *   one gzip stream in load order (scripts/bundleSize.ts says why the order is fixed). Budget 16,000 B.
 * The first load holds its budget; the whole shell does not yet (shell/README.md "Size"): its
 * ceiling holds today's figure (no regression) until it does.
 */
import { expect, it } from "vitest";
import { bundleSize } from "../scripts/bundleSize.ts";

const FIRST_LOAD_BUDGET_BYTES = 10_000;
const BUDGET_BYTES = 16_000;
// 19,500 when the first load was the whole shell; 12,200 with the parts a first load does not
// need behind one `import()` (shell/later.ts), measured as every export of shell/index.ts with
// Vite's loader; 10,900 without the loader (-600), 10,100 through a host entry, which leaves out
// the exports a host that creates the shell does not import (embeddedAppUrl, most error classes);
// then -250 for the callback parser loaded with the later parts (signin/callbackInbox.ts), -200
// for the errors a first load cannot raise apart (protocol/authShellError.ts), -250 for the
// token service's and the refresher's assembly where their code loads (now inside
// tokens/tokenService.ts and session/refresh.ts), -90 for the callback's hand-over names and the app notices apart
// (protocol/callbackHandover.ts, protocol/appNotices.ts), -100 for small things (the holder
// knows how its session ended, the discard loads the endpoint itself, one destroyed error):
// 10,000.
const FIRST_LOAD_CEILING_BYTES = FIRST_LOAD_BUDGET_BYTES;
// 19,500 as one chunk; +800 for the split into services (their property names survive
// minification); +2,300 for the split into a first load and a later chunk (the imports and
// exports between the chunks, the lazy wrappers, Vite's loader); 22,700 with the loader, 22,050
// without it, 21,980 after the first load's cuts; 20,860 after removing in-between layers (the
// sign-in flow, refresher and token service assemble themselves), unused APIs (persisted trust,
// channel diagnostics) and duplicates (one frame gate, the LRU bound inside trust.ts).
const CEILING_BYTES = 20_900;

it(`the shell stays within ${FIRST_LOAD_CEILING_BYTES} B gzip on first load and ${CEILING_BYTES} B in all (budgets ${FIRST_LOAD_BUDGET_BYTES}, ${BUDGET_BYTES})`, async () => {
  const whole = await bundleSize("shell/index.ts");
  const host = await bundleSize("e2e/bench/entries/shell-host.ts");
  console.log(
    `shell: ${whole.minified} B minified, ${whole.gzip} B gzip -9 in all (${whole.gzipPerChunk} B with each chunk gzipped on its own), ${host.firstLoad} B gzip -9 on a host's first load`,
  );
  expect(whole.code).toContain("arcgis-auth-shell/connected");
  expect(whole.code).not.toContain("single-spa");
  // The first load has no Comlink, federation, dialog or callback parser: they load on first use.
  expect(host.firstLoadCode).not.toContain("generateToken");
  expect(host.firstLoadCode).not.toContain("Your ArcGIS session has expired");
  expect(host.firstLoadCode).not.toContain("state-mismatch");
  expect(host.firstLoadCode).toContain("import(");
  expect(host.firstLoad).toBeLessThanOrEqual(FIRST_LOAD_CEILING_BYTES);
  expect(whole.gzip).toBeLessThanOrEqual(CEILING_BYTES);
}, 60_000);
