import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openApp } from "./browser.mjs";

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test("the console opens on the Overview; every card is filled and opens its panel", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.waitFor();
    assert.equal(await nav.getByRole("link", { name: "Overview" }).getAttribute("aria-current"), "page");
    for (const name of ["Uptime this month", "Last good backup", "Next maintenance", "Unread notifications", "Open alerts", "Access changes"]) {
      const card = page.getByRole("region", { name });
      await card.waitFor();
      assert.notEqual(await card.getAttribute("data-tone"), "neutral", `${name} is filled`);
    }
    // The card's link covers the card: a click on its figure opens the panel.
    await page.getByRole("region", { name: "Last good backup" }).locator(".overview-card__value").click({ force: true });
    await page.getByRole("heading", { level: 1, name: "Backups" }).waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("the timeline draws only the rows in view while scrolling a year of events", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    await page.getByLabel("Time range").selectOption("365");
    await page.getByText("305 events").waitFor();
    const list = page.getByRole("list", { name: "Timeline" });
    await list.getByRole("listitem").first().waitFor();
    assert.ok((await list.getByRole("listitem").count()) < 40, "only a window of rows is in the page");
    await page.locator(".timeline__scroll").evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await list.getByText("user299@example.com").waitFor();
    assert.ok((await list.getByRole("listitem").count()) < 40);
    await page.getByRole("checkbox", { name: /Access changes/ }).uncheck();
    await page.getByText("5 events").waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
