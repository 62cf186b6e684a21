// Issue 19: axe-core finds no serious or critical violation on any screen of the console:
// the signed-out screens, every panel (light and dark), and the Roles drawer with its dialog.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { animationsDone, launchBrowser, openApp } from "./browser.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const screenshotDir = fileURLToPath(new URL("../test-results/", import.meta.url));
mkdirSync(screenshotDir, { recursive: true });

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/**
 * The serious and critical findings on the page as it is now, one line each naming the rule
 * and the elements, so a failure says what to fix.
 * @param {import("playwright-core").Page} page
 * @returns {Promise<string[]>}
 */
async function seriousFindings(page) {
  await animationsDone(page);
  // Evaluated through the debugging protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = /** @type {any} */ (window).axe;
    // Which colours failed, so the fix needs no second run.
    const contrast = (/** @type {any} */ n) => {
      const data = n.any.find((/** @type {any} */ c) => c.id === "color-contrast")?.data;
      return data ? ` [${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}, needs ${data.expectedContrastRatio}]` : "";
    };
    // The focus manager's sentinels (data-tabster-dummy), left at the body's edges once a modal
    // drawer or dialog has opened, are aria-hidden and focusable on purpose: they pass focus on
    // at once and must not be read out. axe-core's aria-hidden-focus flags them, a known false
    // positive (microsoft/tabster#288).
    const sentinel = (/** @type {any} */ v, /** @type {any} */ n) =>
      v.id === "aria-hidden-focus" && n.html.includes("data-tabster-dummy");
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((/** @type {any} */ v) => v.impact === "serious" || v.impact === "critical")
      .map((/** @type {any} */ v) => ({ ...v, nodes: v.nodes.filter((/** @type {any} */ n) => !sentinel(v, n)) }))
      .filter((/** @type {any} */ v) => v.nodes.length > 0)
      .map(
        (/** @type {any} */ v) =>
          `${v.id} (${v.impact}): ${v.nodes.map((/** @type {any} */ n) => `${n.target.join(" ")}${contrast(n)} ${n.html.slice(0, 160)}`).join(", ")}`,
      );
  });
}

const PANELS = ["Overview", "Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"];

for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
  test(`no serious or critical axe-core finding on the signed-out screens and every panel (${colorScheme})`, async () => {
    const app = await openApp(browser, { colorScheme, query: "?maintenance=scheduled" });
    try {
      const { page } = app;
      /** @type {Record<string, string[]>} */
      const found = {};
      await page.getByRole("button", { name: "Open demo workspace" }).waitFor();
      found.welcome = await seriousFindings(page);
      await page.getByRole("button", { name: "Open demo workspace" }).click();
      const nav = page.getByRole("navigation", { name: "Main" });
      await page.getByRole("region", { name: "Uptime this month" }).waitFor();
      for (const name of PANELS) {
        await nav.getByRole("link", { name }).click();
        await page.getByRole("heading", { level: 1, name }).waitFor();
        await page.waitForLoadState("networkidle");
        await page.waitForFunction(() => document.querySelectorAll("[aria-busy='true']").length === 0);
        found[name] = await seriousFindings(page);
        // To look at what the colour fixes did: ui/test-results/a11y-<panel>-<scheme>.png.
        await page.screenshot({ path: `${screenshotDir}a11y-${name.replace(" ", "-").toLowerCase()}-${colorScheme}.png`, fullPage: true });
      }
      await nav.getByRole("link", { name: "Roles" }).click();
      await page.getByRole("button", { name: "Aino Virtanen" }).click();
      const drawer = page.getByRole("dialog", { name: "Aino Virtanen" });
      await drawer.getByRole("button", { name: "Grant a role" }).click();
      await page.getByRole("dialog", { name: "Grant a role" }).waitFor();
      found["Roles drawer and grant dialog"] = await seriousFindings(page);
      // The drawer covers the header: Esc closes the dialog, focus returns to the button that
      // opened it, then Esc closes the drawer.
      await page.keyboard.press("Escape");
      await page.getByRole("dialog", { name: "Grant a role" }).waitFor({ state: "detached" });
      await page.waitForFunction(() => document.activeElement?.textContent === "Grant a role");
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      found["sign-in"] = await seriousFindings(page);
      const left = Object.fromEntries(Object.entries(found).filter(([, lines]) => lines.length > 0));
      assert.deepEqual(left, {});
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}
