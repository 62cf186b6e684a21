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
 * @param {{ colorScheme?: "light" | "dark", query?: string, initScript?: string, viewport?: { width: number, height: number }, zoom?: number, at?: Date }} [options]
 *   `query` such as `?twoFactor=enrol` sets up the fake Rust side (see mock-ipc.ts);
 *   `initScript` runs in every page before the app's own scripts; `zoom` 2 draws as a window
 *   zoomed to 200 % (half the CSS pixels, each twice the size); `at` starts the page's clock
 *   at that moment in Helsinki, so what the fake side dates from "now" draws the same each run
 */
export async function openApp(browser, { colorScheme = "light", query = "", initScript = "", viewport = { width: 1280, height: 800 }, zoom = 1, at } = {}) {
  const context = await browser.newContext({
    colorScheme,
    locale: "en-US",
    viewport: { width: Math.round(viewport.width / zoom), height: Math.round(viewport.height / zoom) },
    deviceScaleFactor: zoom,
    ...(at ? { timezoneId: "Europe/Helsinki", reducedMotion: "reduce" } : {}),
  });
  if (at) {
    await context.clock.install({ time: at });
    await context.clock.resume();
  }
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

/**
 * Resolves once every finite animation on the page has finished: drawers slide and dialogs fade
 * and scale in through the Web Animations API, and on a loaded machine a check made meanwhile
 * read a dialog half-grown, or its text blended with the page behind (axe: a contrast failure
 * on a colour no user sees once it has settled).
 * @param {import("playwright-core").Page} page
 */
export async function animationsDone(page) {
  await page.evaluate(() =>
    Promise.allSettled(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
}
