import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { launchBrowser, openApp } from "./browser.mjs";

// A panel's strings load with the panel, in the language shown (issue 18): these open
// panels whose strings were not loaded yet in Finnish and Swedish, in the built app.

const i18nDir = new URL("../src/i18n/", import.meta.url);
/** @param {string} language @param {string} part @returns {any} */
const strings = (language, part) => JSON.parse(readFileSync(new URL(`${language}/${part}.json`, i18nDir), "utf8"));
const topLevelKeys = readdirSync(new URL("en/", i18nDir)).flatMap((file) => Object.keys(strings("en", file.slice(0, -5))));
// i18next shows a key it cannot find as the key itself, e.g. "backups.refresh".
const rawKey = new RegExp(`\\b(${topLevelKeys.join("|")})\\.[A-Za-z]`);

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** @param {import("playwright-core").Page} page */
async function assertNoRawKeys(page) {
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, rawKey);
}

test("a panel opened after switching to Finnish comes with its Finnish strings", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("App language").selectOption("fi");
    const { shell, nav: fi } = strings("fi", "shell");
    let nav = page.getByRole("navigation", { name: shell.mainNav });
    await nav.getByRole("link", { name: fi.settings }).waitFor();
    await assertNoRawKeys(page);

    await nav.getByRole("link", { name: fi.backups }).click();
    await page.getByRole("button", { name: strings("fi", "backups").backups.refresh }).first().waitFor();
    await assertNoRawKeys(page);
    // Back to English: the panels seen so far come back in it.
    await nav.getByRole("link", { name: fi.settings }).click();
    await page.getByLabel(strings("fi", "settings").settings.language).selectOption("en");
    nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Backups" }).click();
    await page.getByRole("button", { name: "Refresh" }).first().waitFor();
    await assertNoRawKeys(page);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("a console started in Swedish draws the welcome screen and every panel in Swedish", async () => {
  const app = await openApp(browser, { initScript: `localStorage.setItem("admin-console.language", "sv");` });
  try {
    const { page } = app;
    await page.getByRole("button", { name: strings("sv", "signedOut").welcome.openDemo }).click();
    const { shell, nav: sv } = strings("sv", "shell");
    const nav = page.getByRole("navigation", { name: shell.mainNav });
    for (const panel of Object.keys(sv)) {
      await nav.getByRole("link", { name: sv[panel] }).click();
      await page.getByRole("heading", { level: 1, name: sv[panel] }).waitFor();
      await assertNoRawKeys(page);
    }
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
