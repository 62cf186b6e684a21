import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, openApp } from "./browser.mjs";

const screenshotDir = fileURLToPath(new URL("../test-results/", import.meta.url));

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

// 4S-UPDATES-WEEKLY, 4S-FEATURE-TOGGLES, 4S-CHANGE-NOTICE in the built UI.
test("settings: coming change in the banner, compact tables at once, update notes → install → restart", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    await page.getByRole("note", { name: "Coming change" }).getByText("New roles screen").waitFor();
    await page.getByRole("link", { name: "Settings" }).click();

    const features = page.getByRole("region", { name: "Features" });
    const compact = features.getByRole("switch", { name: "Compact tables" });
    await compact.click();
    await page.locator(".shell.shell--compact").waitFor();
    assert.equal(await compact.isChecked(), true);

    const updates = page.getByRole("region", { name: "Updates" });
    await updates.getByRole("button", { name: "Check for updates" }).click();
    const offer = updates.getByRole("region", { name: "Available update" });
    await offer.getByText("Version 0.2.0 is available (you have 0.1.0)").waitFor();
    await offer.getByText("Compact tables and coming-change notices.").waitFor();
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: `${screenshotDir}/settings-update.png`, fullPage: true });

    await offer.getByRole("button", { name: "Install 0.2.0" }).click();
    await updates.getByRole("button", { name: "Restart now" }).waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
