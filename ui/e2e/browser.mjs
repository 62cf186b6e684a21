import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** @param {string} name */
function fromRunner(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: run the browser tests with \`npm run test:browser\``);
  return value;
}

const baseUrl = fromRunner("E2E_BASE_URL");
const mockScript = await readFile(fromRunner("E2E_MOCK_SCRIPT"), "utf8");

export function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Opens the built app with the fake Rust side installed, and records what the page fetched
 * and which errors it threw, so tests can check that nothing leaves the machine.
 * @param {import("playwright-core").Browser} browser
 * @param {{ colorScheme?: "light" | "dark", query?: string, initScript?: string }} [options] `query` such as
 *   `?twoFactor=enrol` sets up the fake Rust side (see mock-ipc.ts); `initScript` runs in
 *   every page before the app's own scripts
 */
export async function openApp(browser, { colorScheme = "light", query = "", initScript = "" } = {}) {
  const context = await browser.newContext({
    colorScheme,
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript({ content: mockScript });
  if (initScript) await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  /** @type {string[]} */
  const requests = [];
  /** @type {Error[]} */
  const errors = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(`${baseUrl}${query}`);
  return { page, requests, errors, baseUrl, close: () => context.close() };
}
