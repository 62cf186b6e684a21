// The real console on a desktop with no Secret Service at all (issue 16: a minimal window
// manager without gnome-keyring): it starts, says the computer has no keyring, and the
// demo workspace works. tests/e2e/session.sh runs this with DBUS_SESSION_BUS_ADDRESS
// naming no bus, so the keyring's D-Bus call fails as it does there; the variable reaches
// the app through tauri-driver and WebKitWebDriver, which pass their environment on.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const application =
  process.env.ADMIN_CONSOLE_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/admin-console");
const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
// Two ports above app.test.mjs's, so both can run in one session.
const port = Number(process.env.E2E_DRIVER_PORT ?? 4444) + 2;
const base = `http://127.0.0.1:${port}`;

let driver;
let session;
let home;

before(async () => {
  assert.match(
    process.env.DBUS_SESSION_BUS_ADDRESS ?? "",
    /no-bus/,
    "run through tests/e2e/session.sh no-keyring: the session bus must be missing",
  );
  home = mkdtempSync(join(tmpdir(), "console-no-keyring-"));
  const env = { ...process.env, XDG_DATA_HOME: join(home, "data"), XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") };
  driver = spawn(driverBin, ["--port", String(port), "--native-port", String(port + 1)], {
    stdio: ["ignore", "inherit", "inherit"],
    env,
    // Its own process group, so the end of the run can stop the console with it.
    detached: true,
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 100) throw new Error("tauri-driver did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  session = await Session.start(base, application, {
    XDG_DATA_HOME: env.XDG_DATA_HOME,
    XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
    XDG_CACHE_HOME: env.XDG_CACHE_HOME,
  });
});

after(async () => {
  await session?.quit().catch(() => {});
  // The whole group: a console left running holds this run's output open, and node's test
  // runner waited for it (a CI run hung here with the layer's tests all passed).
  try {
    if (driver) process.kill(-driver.pid, "SIGKILL");
  } catch {
    // already gone
  }
  // The web view's processes may still be writing their shader cache as they exit; what is
  // left is a cache of this run's own, in its own temporary folder.
  await new Promise((r) => setTimeout(r, 1000));
  try {
    if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (e) {
    console.log(`left ${home}: ${e.message}`);
  }
});

/** Every file the console wrote under its data folder, for a look at what it kept. */
function filesUnder(dir) {
  let out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out = entry.isDirectory() ? out.concat(filesUnder(path)) : out.concat([path]);
  }
  return out;
}

test("no Secret Service: the console starts, shows the no-keyring banner, and the demo works", async () => {
  const banner = await session.waitFor("//*[contains(normalize-space(), 'no usable keyring')]");
  assert.match(await session.text(banner), /you will sign in again next time/);

  // Enabled once the embedded demo service has started (it seeds its database first).
  const openDemo = "//button[normalize-space()='Open demo workspace' and not(@disabled)]";
  await session.click(await session.waitFor(openDemo, 120000));
  await session.waitFor("//button[normalize-space()='Sign out']", 60000);
  await session.waitFor("//*[contains(normalize-space(), 'Demo Oy')]");
  await session.waitFor("//*[contains(normalize-space(), 'no usable keyring')]");
  // Signed in to the embedded demo service with the token held in memory.
  await session.waitFor("//*[normalize-space()='Online']");

  await session.click(await session.waitFor("//button[normalize-space()='Sign out']"));
  await session.waitFor(openDemo, 60000);

  // "Nothing is written to disk in its place": no file of the app's holds a 64-hex token
  // outside the cache's hash chains; the token file of a keyring fallback would be one.
  const written = filesUnder(home).map((f) => f.slice(home.length));
  assert.ok(
    !written.some((f) => /token|secret|credential/i.test(f)),
    `no token file in place of the keyring: ${written.join(", ")}`,
  );
  const logs = written.filter((f) => f.includes("/logs/")).map((f) => readFileSync(join(home, f), "utf8")).join("\n");
  assert.match(logs, /keyring/i, "the log says the keyring could not be used");
});
