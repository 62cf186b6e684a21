// Issue 24: every panel and its main dialog, in light and dark, drawn from the demo data at a
// fixed moment and compared with the references committed in e2e/references/. A change that
// changes a screen commits its new reference with it:
//   UPDATE_REFERENCES=1 npm --workspace ui run test:browser -- visual
// The actual screens and the differences of a failed run are in ui/test-results/visual/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { animationsDone, launchBrowser, openApp } from "./browser.mjs";

const references = fileURLToPath(new URL("./references/", import.meta.url));
const results = fileURLToPath(new URL("../test-results/visual/", import.meta.url));
mkdirSync(results, { recursive: true });
const update = process.env.UPDATE_REFERENCES === "1";

// Anti-aliasing and sub-pixel text differ a little between runs of the same build; a changed
// widget, colour or layout changes far more than this share of the screen.
const PIXEL_THRESHOLD = 0.1;
const MAX_CHANGED_SHARE = 0.002;

// A Wednesday morning in Helsinki, mid-month: the calendar, the "last night" backup and the
// month's uptime all have something on both sides of now.
const AT = new Date("2026-11-18T07:30:00Z");

/** @type {import("playwright-core").Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/**
 * Compares the screen with its reference; returns the failure, or null when it matches.
 * @param {Buffer} shot @param {string} name
 * @returns {string | null}
 */
function compare(shot, name) {
  const referencePath = `${references}${name}.png`;
  if (update || !existsSync(referencePath)) {
    if (!update) {
      writeFileSync(`${results}${name}.actual.png`, shot);
      return `${name}: no reference (run with UPDATE_REFERENCES=1 and commit e2e/references/${name}.png)`;
    }
    mkdirSync(references, { recursive: true });
    writeFileSync(referencePath, shot);
    return null;
  }
  const actual = PNG.sync.read(shot);
  const expected = PNG.sync.read(readFileSync(referencePath));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    writeFileSync(`${results}${name}.actual.png`, shot);
    return `${name}: ${actual.width}×${actual.height}, the reference ${expected.width}×${expected.height}`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const changed = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: PIXEL_THRESHOLD });
  const share = changed / (actual.width * actual.height);
  if (share <= MAX_CHANGED_SHARE) return null;
  writeFileSync(`${results}${name}.actual.png`, shot);
  writeFileSync(`${results}${name}.diff.png`, PNG.sync.write(diff));
  return `${name}: ${(share * 100).toFixed(2)} % of the pixels changed (allowed ${(MAX_CHANGED_SHARE * 100).toFixed(2)} %)`;
}

/** The screen once nothing loads, moves or blinks any more. @param {import("playwright-core").Page} page */
async function settled(page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.querySelectorAll("[aria-busy='true']").length === 0);
  await page.evaluate(() => document.fonts.ready);
  await animationsDone(page);
  // Charts draw their last frame.
  await page.waitForTimeout(800);
  return page.screenshot({ caret: "hide", animations: "disabled" });
}

/**
 * Each panel, and how its main dialog opens (null: the panel has none).
 * @type {Array<{ name: string, slug: string, dialog: null | ((page: import("playwright-core").Page) => Promise<void>) }>}
 */
const PANELS = [
  { name: "Overview", slug: "overview", dialog: null },
  {
    name: "Roles",
    slug: "roles",
    dialog: async (page) => {
      await page.getByRole("button", { name: "Aino Virtanen" }).click();
      await page.getByRole("dialog", { name: "Aino Virtanen" }).waitFor();
    },
  },
  { name: "Activity", slug: "activity", dialog: null },
  {
    name: "Audit log",
    slug: "audit-log",
    dialog: async (page) => {
      await page.getByRole("row").nth(1).click();
      await page.getByRole("dialog").waitFor();
    },
  },
  {
    name: "Backups",
    slug: "backups",
    dialog: async (page) => {
      await page.getByRole("button", { name: "Request restore" }).first().click();
      await page.getByRole("dialog").waitFor();
    },
  },
  // The demo signs in as an account manager: scheduling is the operators' (its dialog is in the
  // component tests), and a window's details open in the page, not in a dialog.
  { name: "Maintenance", slug: "maintenance", dialog: null },
  // Monitors and the business calendar are edited by operators too.
  { name: "Uptime", slug: "uptime", dialog: null },
  { name: "Settings", slug: "settings", dialog: null },
];

for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
  test(`every panel and its main dialog look as their references (${colorScheme})`, async () => {
    const app = await openApp(browser, { colorScheme, query: "?maintenance=scheduled", at: AT });
    /** @type {string[]} */
    const failures = [];
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Open demo workspace" }).click();
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const { name, slug, dialog } of PANELS) {
        await nav.getByRole("link", { name }).click();
        await page.getByRole("heading", { level: 1, name }).waitFor();
        failures.push(compare(await settled(page), `${slug}-${colorScheme}`) ?? "");
        if (dialog) {
          await dialog(page);
          failures.push(compare(await settled(page), `${slug}-dialog-${colorScheme}`) ?? "");
          await page.keyboard.press("Escape");
          await page.getByRole("dialog").waitFor({ state: "detached" });
        }
      }
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
    assert.deepEqual(failures.filter(Boolean), []);
  });
}
