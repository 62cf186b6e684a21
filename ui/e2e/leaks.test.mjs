// Issue 17's soak saw the web view's memory grow with the panel cycle. This keeps the page's
// own share of that flat: after tours of every panel, garbage collected, the DOM, the event
// listeners and the JavaScript heap stay where the first tours left them (a chart or calendar
// not disposed on unmount, or a listener left behind, grows one of them with every tour).
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

const PANELS = ["Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings", "Overview"];

/** @param {import("playwright-core").Page} page @param {number} times */
async function tours(page, times) {
  const nav = page.getByRole("navigation", { name: "Main" });
  for (let i = 0; i < times; i++) {
    for (const name of PANELS) {
      await nav.getByRole("link", { name }).click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      // Past the panel's first queries, so its charts and tables are drawn, not loading.
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(150);
    }
  }
}

/** @param {import("playwright-core").CDPSession} cdp */
async function afterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return { heapMb: m.JSHeapUsedSize / 1e6, nodes: m.Nodes, listeners: m.JSEventListeners, documents: m.Documents };
}

test("touring every panel again and again leaves the DOM, the listeners and the heap where they were", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    // Every panel's code, strings and first data are loaded by then, and the hot code is
    // compiled again optimised (the heap grows by some 5 MB over the first eight tours, then
    // stays).
    await tours(page, 8);
    const settled = await afterGc(cdp);
    await tours(page, 6);
    const later = await afterGc(cdp);
    console.log(`after 8 tours ${JSON.stringify(settled)}; after 14 ${JSON.stringify(later)}`);

    // A leak only adds: fewer is a toast or loading row of the earlier count gone since.
    assert.ok(later.nodes <= settled.nodes, `DOM nodes after GC ${settled.nodes} -> ${later.nodes}`);
    assert.ok(later.listeners <= settled.listeners, `event listeners ${settled.listeners} -> ${later.listeners}`);
    assert.ok(later.documents <= settled.documents, `documents ${settled.documents} -> ${later.documents}`);
    // One ECharts instance kept per visit would add megabytes a tour.
    assert.ok(later.heapMb <= settled.heapMb * 1.1, `heap ${settled.heapMb.toFixed(1)} -> ${later.heapMb.toFixed(1)} MB`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
