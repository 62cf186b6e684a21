// The real console: built binary, real window under Xvfb, driven through tauri-driver
// and WebKitWebDriver, with the real Secret Service holding the token.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const application = process.env.ADMIN_CONSOLE_BIN ?? join(root, "target/debug/admin-console");
const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
// Overridable so that two checkouts can run this at once.
const port = Number(process.env.E2E_DRIVER_PORT ?? 4444);
const base = `http://127.0.0.1:${port}`;

let driver;
let session;

/** Keyring items the console stored (it names its entries after this service). */
function keyringItems() {
  try {
    const out = execFileSync("secret-tool", ["search", "--all", "service", "com.example.adminconsole"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return out.split("\n").filter((l) => l.startsWith("secret = ")).map((l) => l.slice(9));
  } catch {
    return [];
  }
}

async function waitForDriver() {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start");
}

before(async () => {
  driver = spawn(driverBin, ["--port", String(port), "--native-port", String(port + 1)], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForDriver();
  // A home of its own: app data, cache and logs start empty, as on a first launch.
  const home = mkdtempSync(join(tmpdir(), "console-e2e-"));
  session = await Session.start(base, application, {
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  });
});

after(async () => {
  await session?.quit().catch(() => {});
  driver?.kill();
});

test("first launch: open the demo workspace, see the signed-in shell, sign out", async () => {
  const openDemo = await session.waitFor("//button[normalize-space()='Open demo workspace']");
  assert.equal(keyringItems().length, 0, "the keyring starts empty");
  await session.click(openDemo);

  await session.waitFor("//button[normalize-space()='Sign out']");
  await session.waitFor("//*[contains(normalize-space(), 'Demo Oy')]");
  await session.waitFor("//*[normalize-space()='Online']");
  const nav = await session.waitFor("//nav");
  const navText = await session.text(nav);
  for (const item of ["Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"]) {
    assert.ok(navText.includes(item), `nav lacks ${item}: ${navText}`);
  }
  await session.waitFor("//*[contains(normalize-space(), 'demo-password')]");

  // The session token is in the real Secret Service, and only there.
  const tokens = keyringItems();
  assert.equal(tokens.length, 1, "one keyring entry for the demo profile");
  assert.match(tokens[0], /^[0-9a-f]{64}$/);

  mkdirSync(join(root, "docs/screenshots"), { recursive: true });
  writeFileSync(join(root, "docs/screenshots/shell.png"), await session.screenshot());

  await session.click(await session.waitFor("//button[normalize-space()='Sign out']"));
  await session.waitFor("//button[normalize-space()='Open demo workspace']");
  await session.waitGone("//button[normalize-space()='Sign out']");
  assert.equal(keyringItems().length, 0, "signing out removes the token from the keyring");
});

test("maintenance: the banner announces the demo's upcoming window; the panel shows budgets and the windows", async () => {
  await session.click(await session.waitFor("//button[normalize-space()='Open demo workspace']"));
  await session.waitFor("//*[@role='note' and contains(normalize-space(), 'Maintenance ahead: Search index rebuild')]");
  await session.click(await session.waitFor("//nav//*[normalize-space()='Maintenance']"));
  await session.waitFor("//h1[normalize-space()='Maintenance']");
  await session.waitFor("//meter[starts-with(@aria-label, 'Maintenance used in')]");
  await session.waitFor("//*[@role='timer']");
  await session.waitFor("//ul[@aria-label='Upcoming maintenance']//button[normalize-space()='Search index rebuild']");
  writeFileSync(join(root, "docs/screenshots/maintenance.png"), await session.screenshot());
  await session.click(await session.waitFor("//button[normalize-space()='Sign out']"));
  await session.waitFor("//button[normalize-space()='Open demo workspace']");
});
