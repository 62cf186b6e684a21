// The web view's Content-Security-Policy (tauri.conf.json, sent by run.mjs with every page)
// has no 'unsafe-inline' for styles. Every panel, with its charts (ECharts), calendar
// (FullCalendar) and virtual table (TanStack Virtual), must draw without one refusal or error,
// with the prototype frozen or not as the desktop app has it (`freezePrototype`).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { launchBrowser, openApp } from "./browser.mjs";

const security = JSON.parse(readFileSync(new URL("../../tauri.conf.json", import.meta.url), "utf8")).app.security;

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

// Before the app's scripts, as in the desktop app (Tauri's freezePrototype freezes
// Object.prototype); and the refusals are recorded.
const DESKTOP_START = `
  ${security.freezePrototype ? "Object.freeze(Object.prototype);" : ""}
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
  });
`;

/** @param {import("playwright-core").Page} page @returns {Promise<string[]>} */
function violations(page) {
  return page.evaluate(() => /** @type {any} */ (window).__cspViolations);
}

test("every panel draws under the app's CSP without a refusal, FullCalendar's styles included", async () => {
  const app = await openApp(browser, { initScript: DESKTOP_START, query: "?maintenance=scheduled" });
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.waitFor();
    await page.getByRole("region", { name: "Uptime this month" }).waitFor();
    await nav.getByRole("link", { name: "Roles" }).click();
    await page.getByRole("navigation", { name: "Accounts and channels" }).getByText("Web shop").waitFor();
    for (const name of ["Activity", "Audit log", "Backups", "Uptime", "Settings", "Maintenance"]) {
      await nav.getByRole("link", { name }).click();
      await page.getByRole("heading", { level: 1 }).first().waitFor();
    }
    // The calendar's own sheet applied: FullCalendar lays out with flex.
    const calendar = page.locator(".fc").first();
    await calendar.waitFor();
    assert.equal(await calendar.evaluate((el) => getComputedStyle(el).display), "flex");
    await nav.getByRole("link", { name: "Uptime" }).click();
    await page.getByRole("img", { name: /Response time chart/ }).locator("svg").waitFor();
    await nav.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("row").nth(2).waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(app.errors, []);
    assert.equal(await page.evaluate(() => Object.isFrozen(Object.prototype)), security.freezePrototype);

    // The policy is in force: a <style> element the page did not ship is refused.
    await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { outline: 1px solid red; }";
      document.head.append(style);
    });
    await page.waitForFunction(() => /** @type {any} */ (window).__cspViolations.length > 0);
    assert.match((await violations(page))[0] ?? "", /^style-src/);
  } finally {
    await app.close();
  }
});
