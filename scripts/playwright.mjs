// Runs the Playwright specs after making sure a Chromium exists (README): the system one, else
// Debian's package installed through apt when we are root, else Playwright's own download.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { findChromium } from "./chromium.mjs";

function run(command, args) {
  return spawnSync(command, args, { stdio: "inherit" }).status === 0;
}

function playwrightHasOwnChromium() {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

function ensureChromium() {
  if (findChromium() || playwrightHasOwnChromium()) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/etc/debian_version")) {
    console.log("No Chromium found: installing Debian's chromium package through apt-get.");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const ok =
      spawnSync("apt-get", ["update"], { stdio: "inherit", env }).status === 0 &&
      spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env }).status === 0;
    if (ok && findChromium()) return true;
  }
  console.log("No Chromium found: trying 'npx playwright install chromium'.");
  return run("npx", ["playwright", "install", "chromium"]) && playwrightHasOwnChromium();
}

if (!ensureChromium()) {
  console.error(
    "No Chromium for the browser tests: install one (Debian: 'apt-get install -y chromium') or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.",
  );
  process.exit(1);
}
const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
