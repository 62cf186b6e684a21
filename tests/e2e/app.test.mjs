// The real console: built binary, real window under Xvfb, driven through tauri-driver
// and WebKitWebDriver, with the real Secret Service holding the token.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
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
let home;

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
  home = mkdtempSync(join(tmpdir(), "console-e2e-"));
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

/** Each test starts where a person would: signed out, on the sign-in or welcome screen. */
async function startSignedOut() {
  // An open drawer covers the header, Sign out included.
  for (const close of await session.find("//aside//button[normalize-space()='Close']")) {
    await session.click(close);
  }
  const signOut = await session.find("//button[normalize-space()='Sign out']");
  if (signOut.length > 0) {
    await session.click(signOut[0]);
  }
  await session.waitFor("//button[normalize-space()='Open demo workspace']");
}

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

/** The embedded demo service's address, as the console logs it when it starts it. */
async function demoServiceUrl() {
  // Where the app's data lives depends on whether the driver passed the XDG variables on.
  const dirs = [join(home, "data"), join(process.env.HOME ?? home, ".local/share")].map((d) =>
    join(d, "com.example.adminconsole", "logs"),
  );
  for (let i = 0; i < 100; i++) {
    for (const logs of dirs) {
      let files = [];
      try {
        files = readdirSync(logs);
      } catch {
        continue;
      }
      for (const file of files) {
        const found = [...readFileSync(join(logs, file), "utf8").matchAll(/url=(http:\/\/127\.0\.0\.1:\d+)/g)];
        if (found.length > 0) return found.at(-1)[1];
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the console did not log the demo service's address");
}

async function api(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Clauses UQ-DELEGATE-ACCOUNT, UQ-DELEGATE-CHANNEL and UQ-REVOKE-LIVE, end to end: the
// manager grants in the console, the new Channel Manager delegates through the API, the
// manager revokes in the console and the user's very next request is refused.
test("roles: grant Channel Manager in the console, delegate through the API, revoke live", async () => {
  await startSignedOut();
  await session.click(await session.waitFor("//button[normalize-space()='Open demo workspace']"));
  await session.waitFor("//nav[@aria-label='Accounts and channels']//*[normalize-space()='Mobile app']");
  const service = await demoServiceUrl();

  // Sofia Koskinen is a Viewer of "Mobile app" in the demo workspace.
  const target = "sofia.koskinen@demo.example";
  const signIn = await api(service, "POST", "/api/v1/sessions", null, { username: target, password: "demo-password" });
  assert.equal(signIn.status, 201, JSON.stringify(signIn.body));
  const token = signIn.body.token;
  const [account] = (await api(service, "GET", "/api/v1/accounts", token)).body;
  const mobile = (await api(service, "GET", `/api/v1/accounts/${account.id}/channels`, token)).body.find(
    (c) => c.name === "Mobile app",
  );
  const page = await api(service, "GET", "/api/v1/users?q=Eino", token);
  const eino = page.body.users[0].user;
  const delegate = (role) =>
    api(service, "POST", "/api/v1/role-assignments", token, {
      user_id: eino.id,
      role,
      scope: { level: "channel", id: mobile.id },
    });
  const before = await delegate("viewer");
  assert.equal(before.status, 403, "a Viewer delegates nothing yet");
  assert.equal(before.body.code, "not_a_delegator");

  // The manager grants Channel Manager of "Mobile app" in the console.
  await session.click(await session.waitFor("//button[normalize-space()='Sofia Koskinen']"));
  const drawer = "//aside[@aria-label='User Sofia Koskinen']";
  await session.click(await session.waitFor(`${drawer}//button[normalize-space()='Grant a role']`));
  const choice = "Channel Manager · Demo Oy / Mobile app";
  await session.waitFor(`${drawer}//select/option[normalize-space()='${choice}']`);
  await session.selectByText(`${drawer}//div[@role='dialog']//select`, choice);
  await session.waitFor(`${drawer}//*[contains(normalize-space(), 'may delegate 3 roles')]`);
  await session.click(await session.waitFor(`${drawer}//button[normalize-space()='Confirm grant']`));
  const held = `${drawer}//li[contains(normalize-space(), '${choice}')]`;
  await session.waitFor(held);

  // Sofia, still in the same session, can now delegate in that channel.
  const granted = await delegate("viewer");
  assert.equal(granted.status, 201, JSON.stringify(granted.body));

  // The manager revokes; the receipt counts Sofia's live session.
  await session.click(await session.waitFor(`${held}//button[normalize-space()='Revoke']`));
  await session.click(await session.waitFor(`${drawer}//button[normalize-space()='Confirm revoke']`));
  const receipt = await session.waitFor(`${drawer}//*[@role='status']`);
  assert.match(await session.text(receipt), /1 live session lost the role/);

  // Her very next request is refused, without any sign-out.
  const after = await delegate("channel_editor");
  assert.equal(after.status, 403, JSON.stringify(after.body));
  assert.equal(after.body.code, "not_a_delegator");
  assert.equal((await api(service, "GET", "/api/v1/me", token)).status, 200, "still signed in");

  mkdirSync(join(root, "docs/screenshots"), { recursive: true });
  writeFileSync(join(root, "docs/screenshots/roles.png"), await session.screenshot());
  await startSignedOut();
});

test("maintenance: the banner announces the demo's upcoming window; the panel shows budgets and the windows", async () => {
  await startSignedOut();
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

test("settings: features from the service apply at once (4S-FEATURE-TOGGLES); coming changes (4S-CHANGE-NOTICE); updates (4S-UPDATES-WEEKLY)", async () => {
  await startSignedOut();
  await session.click(await session.waitFor("//button[normalize-space()='Open demo workspace']"));
  const banner = "//*[@role='note' and contains(normalize-space(), 'Maintenance ahead')]";
  await session.waitFor(banner);
  await session.click(await session.waitFor("//nav//*[normalize-space()='Settings']"));
  await session.waitFor("//h2[normalize-space()='Features']");
  await session.waitFor("//*[contains(normalize-space(), 'Denser rows in lists and tables')]");
  await session.waitFor("//section[.//h2[normalize-space()='Coming changes']]//*[contains(normalize-space(), 'New user management view')]");
  await session.waitFor("//section[.//h2[normalize-space()='Updates']]//dd[normalize-space()='0.1.0']");

  const toggle = "//label[.//*[normalize-space()='Maintenance banner']]/input";
  await session.click(await session.waitFor(toggle));
  await session.waitGone(banner);
  writeFileSync(join(root, "docs/screenshots/settings.png"), await session.screenshot());
  // Kept by the service: back on for the next run of the demo.
  await session.click(await session.waitFor(toggle));
  await session.waitFor(banner);
  await session.click(await session.waitFor("//button[normalize-space()='Sign out']"));
  await session.waitFor("//button[normalize-space()='Open demo workspace']");
});
