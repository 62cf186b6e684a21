// Issue 24: the console is usable in a 1024×700 window, and in a 1280×800 window zoomed to
// 200 %, without scrolling the page sideways: wide tables scroll inside their own region.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, openApp } from "./browser.mjs";

const shots = fileURLToPath(new URL("../test-results/sizes/", import.meta.url));
mkdirSync(shots, { recursive: true });

const PANELS = ["Overview", "Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"];

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const SIZES = [
  { what: "a 1024×700 window", slug: "1024x700", viewport: { width: 1024, height: 700 }, zoom: 1 },
  { what: "a 1280×800 window at 200 %", slug: "200pc", viewport: { width: 1280, height: 800 }, zoom: 2 },
];

for (const { what, slug, viewport, zoom } of SIZES) {
  test(`every panel fits ${what} with no sideways scrolling`, async () => {
    const app = await openApp(browser, { viewport, zoom, query: "?maintenance=scheduled" });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Open demo workspace" }).click();
      const nav = page.getByRole("navigation", { name: "Main" });
      /** @type {Record<string, Array<{ what: string, by: number }>>} */
      const overflow = {};
      for (const name of PANELS) {
        await nav.getByRole("link", { name }).click();
        const heading = page.getByRole("heading", { level: 1, name });
        await heading.waitFor();
        await page.waitForLoadState("networkidle");
        // The page, or a pane of the shell, scrolled sideways; a table's own region may.
        const wider = await page.evaluate(() =>
          [document.documentElement, ...Array.from(document.querySelectorAll("body *"))]
            .filter((element) => !element.closest(".table-scroll, [role='region'][tabindex], .fc"))
            .filter((element) => element === document.documentElement || ["auto", "scroll"].includes(getComputedStyle(element).overflowX))
            .map((element) => ({ what: element.className || element.tagName, by: element.scrollWidth - element.clientWidth }))
            .filter(({ by }) => by > 1),
        );
        if (wider.length > 0) overflow[name] = wider;
        // To look at: ui/test-results/sizes/<size>-<panel>.png.
        await page.screenshot({ path: `${shots}${slug}-${name.replace(" ", "-").toLowerCase()}.png` });
        assert.ok(await heading.isVisible(), `${name}: its heading is on screen`);
      }
      assert.deepEqual(overflow, {}, "what scrolled sideways on each panel, by how many pixels");
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}
