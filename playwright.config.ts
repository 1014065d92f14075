import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/chromium.mjs";

/**
 * The specs keep the fixed addresses of README.md, but no spec binds them: each worker gets its
 * own dev portal on free ports behind a forwarding proxy, and the one Vite dev server below serves
 * both demo origins on a free port (e2e/support/test.ts). So workers run side by side and the
 * suite runs beside `npm start`. Tests within a file share the worker's portal and run in order.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  testIgnore: "bench/**",
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    browserName: "chromium",
    // The dev portal's https answers use a self-signed certificate it makes at start.
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    },
    // A failed test keeps its trace (actions, console, network) without the screenshots and DOM
    // snapshots: taking those on every action of a map page cost a fifth of the suite's time. For
    // the full picture, run the failing spec again with `--trace on`.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false },
  },
  webServer: [
    {
      // Port 0: a free port, passed to the workers as E2E_VITE_PORT (the named group below).
      command: "node_modules/.bin/vite --port 0 --host 127.0.0.1 --clearScreen false",
      wait: { stdout: /Local:\s+http:\/\/127\.0\.0\.1:(?<e2e_vite_port>\d+)\// },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
