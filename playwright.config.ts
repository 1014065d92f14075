import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/chromium.mjs";

const reuseExistingServer = !process.env.CI;

/**
 * Every spec runs against the fixed addresses of SPEC §2. The portal keeps global state
 * (`/__admin/expire`, `/__admin/reset`), so specs run one at a time.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  testIgnore: "bench/**",
  fullyParallel: false,
  workers: 1,
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
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: "node_modules/.bin/tsx examples/portal/cli.ts",
      url: "http://localhost:4100/sharing/rest/info?f=json",
      reuseExistingServer,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node_modules/.bin/vite --port 5173 --strictPort --host localhost",
      url: "http://localhost:5173/callback.html",
      reuseExistingServer,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node_modules/.bin/vite --port 5174 --strictPort --host 127.0.0.1",
      url: "http://127.0.0.1:5174/callback.html",
      reuseExistingServer,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
