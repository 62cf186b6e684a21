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

/** @param {import("playwright-core").Page} page */
async function openDemo(page) {
  await page.getByRole("button", { name: "Open demo workspace" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

test("welcome → demo workspace → shell → sign out → sign-in screen", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await assert.doesNotReject(page.getByRole("heading", { level: 1, name: "Admin Console" }).waitFor());
    await openDemo(page);
    const links = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
    assert.deepEqual(links, ["Overview", "Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"]);
    await page.getByText("Demo workspace: every demo user's password is demo-password.").waitFor();
    // The console opens on the Overview (issue 19).
    await page.getByRole("region", { name: "Uptime this month" }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();
    await page.getByRole("navigation", { name: "Accounts and channels" }).getByText("Web shop").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByText("You signed out.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Open demo workspace" }).count(), 1);

    assert.deepEqual(app.errors, []);
    assert.deepEqual(
      app.requests.filter((url) => !url.startsWith(app.baseUrl)),
      [],
      "the app loads nothing from outside",
    );
  } finally {
    await app.close();
  }
});

test("connect form explains an insecure address", async () => {
  const app = await openApp(browser);
  try {
    const form = app.page.getByRole("form", { name: "Connect to a server" });
    await form.getByLabel("Server URL").fill("http://admin.example.com");
    await form.getByLabel("Username").fill("anna");
    await form.getByLabel("Password").fill("secret");
    await form.getByRole("button", { name: "Connect" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.textContent(), "Only https:// addresses are allowed, except to localhost.");
  } finally {
    await app.close();
  }
});

test("follows the OS dark colour scheme", async () => {
  /** @param {"light" | "dark"} colorScheme */
  const background = async (colorScheme) => {
    const app = await openApp(browser, { colorScheme });
    try {
      await app.page.getByRole("button", { name: "Open demo workspace" }).waitFor();
      // The theme's background is the library provider's, around every screen.
      return await app.page.evaluate(() => {
        const root = document.querySelector(".theme-root");
        return root ? getComputedStyle(root).backgroundColor : "none";
      });
    } finally {
      await app.close();
    }
  };
  const light = await background("light");
  const dark = await background("dark");
  assert.notEqual(light, dark);
  const [r = 255, g = 255, b = 255] = (dark.match(/\d+/g) ?? []).map(Number);
  assert.ok(r + g + b < 150, `dark background ${dark} is dark`);
});

test("uptime panel: this month, 90 daily bars, history, response times and incidents drawn by ECharts", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await openDemo(page);
    await page.getByRole("link", { name: "Uptime" }).click();
    const figure = page.getByTestId("uptime-figure");
    await figure.waitFor();
    // The proven ratio (4S-SLA): the mock month's 10 minutes without data count against it.
    assert.equal((await figure.textContent())?.replace(/\s+/g, " "), "99.85 %");
    assert.equal(
      (await page.getByTestId("uptime-best").textContent())?.replace(/\s+/g, " "),
      "99.93 % if every second without data was up",
    );
    await page.getByText("Service region: eu-north").waitFor();
    await page.getByRole("img", { name: /Response time chart/ }).locator("svg").waitFor();
    const bars = page.getByRole("img", { name: "Daily status for the last 90 days" });
    // ECharts draws each day as one SVG path, in its state's colour.
    assert.equal(await bars.locator("svg path[fill]").count() >= 90, true);
    await bars.hover({ position: { x: 5, y: 30 } });
    await page.getByText("Average response:").first().waitFor();
    assert.equal(await page.locator("tr.row--breach").count(), 1);
    assert.deepEqual(app.errors, []);
    assert.deepEqual(
      app.requests.filter((url) => !url.startsWith(app.baseUrl)),
      [],
      "the charts load nothing from outside",
    );
  } finally {
    await app.close();
  }
});

test("backups panel: the 90-night calendar heatmap drawn by ECharts, the last drill, the snapshots and the restore dialog", async () => {
  await mkdir(screenshotDir, { recursive: true });
  const app = await openApp(browser);
  try {
    const { page } = app;
    await openDemo(page);
    await page.getByRole("link", { name: "Backups" }).click();
    const heatmap = page.getByRole("img", { name: "Backup status of each of the last 90 nights" });
    await heatmap.locator("svg").waitFor();
    // One coloured path per night, on top of the calendar's own cells.
    assert.equal((await heatmap.locator("svg path[fill]").count()) >= 90, true);
    await page.getByText("Missed (1)").waitFor();
    await page.getByTestId("last-drill").getByText("Passed").waitFor();
    await page.getByRole("table", { name: "Snapshots you can restore" }).waitFor();
    await page.screenshot({ path: `${screenshotDir}backups-browser.png`, fullPage: true });
    await page.getByRole("button", { name: "Request restore" }).click();
    await page.getByRole("dialog", { name: "Request restore" }).waitFor();
    await page.screenshot({ path: `${screenshotDir}backups-dialog-browser.png` });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("audit log: a million cached events scroll in a real layout, window by window", async () => {
  const app = await openApp(browser);
  try {
    const { page } = app;
    await openDemo(page);
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByText("1,000,000 matching events").waitFor();
    await page.getByRole("button", { name: "Open event 1000000" }).waitFor();
    const scroller = page.getByTestId("audit-scroll");
    // Every row has its place: the body is a million rows tall, within what an element may be.
    const height = await scroller.evaluate((el) => el.scrollHeight);
    assert.ok(height >= 30_000_000 && height < 33_554_432, `scroll height ${height}`);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.getByRole("button", { name: /^Open event 5000\d\d$/ }).first().waitFor();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.getByRole("button", { name: "Open event 1", exact: true }).waitFor();
    assert.ok((await page.locator("tbody tr").count()) < 80, "only the rows in view are in the page");
    await page.getByRole("button", { name: "Open event 1", exact: true }).click();
    await page.getByRole("dialog", { name: "Event 1" }).getByText("Fits its hash chain").waitFor();
    await page.screenshot({ path: `${screenshotDir}audit-log.png` });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("screenshots of the welcome, shell, settings and sign-in screens", async () => {
  await mkdir(screenshotDir, { recursive: true });
  for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
    const app = await openApp(browser, { colorScheme });
    const suffix = colorScheme === "light" ? "" : "-dark";
    try {
      await app.page.getByRole("button", { name: "Open demo workspace" }).waitFor();
      await app.page.screenshot({ path: `${screenshotDir}welcome-browser${suffix}.png` });
      await openDemo(app.page);
      await app.page.screenshot({ path: `${screenshotDir}shell-browser${suffix}.png` });
      await app.page.getByRole("link", { name: "Settings" }).click();
      await app.page.getByRole("form", { name: "Change password" }).getByRole("button").click();
      await app.page.getByText("The new password must have at least 6 characters.").waitFor();
      await app.page.screenshot({ path: `${screenshotDir}settings-browser${suffix}.png` });
      await app.page.getByRole("link", { name: "Uptime" }).click();
      await app.page.getByRole("img", { name: /Response time chart/ }).locator("svg").waitFor();
      await app.page.screenshot({ path: `${screenshotDir}uptime-browser${suffix}.png`, fullPage: true });
      await app.page.getByRole("button", { name: "Sign out" }).click();
      await app.page.getByRole("heading", { name: "Sign in" }).waitFor();
      await app.page.screenshot({ path: `${screenshotDir}sign-in-browser${suffix}.png` });
    } finally {
      await app.close();
    }
  }
});

test("two-factor enrolment with a QR code, then the roles tree filter and a two-factor reset (4S-SSO, UQ-SCOPE)", async () => {
  await mkdir(screenshotDir, { recursive: true });
  const app = await openApp(browser, { query: "?twoFactor=enrol" });
  try {
    const { page } = app;
    await page.getByRole("button", { name: "Open demo workspace" }).click();
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
    await qr.waitFor();
    assert.ok(((await qr.boundingBox())?.width ?? 0) >= 200, "the QR code is drawn large enough to scan");
    await page.screenshot({ path: `${screenshotDir}two-factor-enrol-browser.png` });
    await page.getByLabel("6-digit code").fill("123456");
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();

    const tree = page.getByRole("navigation", { name: "Accounts and channels" });
    await tree.getByRole("treeitem", { name: "Mobile app" }).click();
    await page.getByText("Showing users with a role in Northwind Media / Mobile app.").waitFor();
    // Only Eino holds a role in Mobile app.
    await page.waitForFunction(() => document.querySelectorAll(".roles-users tbody tr").length === 1);
    await page.getByRole("button", { name: "Eino Korhonen" }).waitFor();
    await page.getByRole("button", { name: "Show all users" }).click();
    await page.getByRole("button", { name: "Aino Virtanen" }).click();
    const drawer = page.getByRole("dialog", { name: "Aino Virtanen" });
    await drawer.getByRole("button", { name: "Reset two-factor" }).click();
    await page.screenshot({ path: `${screenshotDir}two-factor-reset-browser.png` });
    await page.getByRole("alertdialog", { name: "Reset two-factor sign-in" }).getByRole("button", { name: "Confirm reset" }).click();
    await drawer.getByText(/Two-factor sign-in of Aino Virtanen was reset at/).waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
