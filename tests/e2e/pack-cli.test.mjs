// The compliance pack from the built console as a scheduled job runs it (issue 20): no
// display, no session bus, so no keyring either. tests/e2e/session.sh runs this with
// DISPLAY and WAYLAND_DISPLAY unset; the in-process tests of the command are in
// crates/console/src/pack_tests.rs, this one proves the binary needs no window for it.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const application =
  process.env.ADMIN_CONSOLE_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/admin-console");
const home = mkdtempSync(join(tmpdir(), "pack-cli-"));
const env = { ...process.env, HOME: home, DBUS_SESSION_BUS_ADDRESS: `unix:path=${home}/no-bus`, NO_AT_BRIDGE: "1" };
delete env.DISPLAY;
delete env.WAYLAND_DISPLAY;
delete env.XDG_DATA_HOME;

after(() => rmSync(home, { recursive: true, force: true }));

/** @param {string[]} args */
function pack(args) {
  return spawnSync(application, ["compliance-pack", ...args], { env, encoding: "utf8", timeout: 180_000 });
}

/** The last full month, as the in-process test of the command picks it (UTC). */
function lastMonth() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}`;
}

test("with no display, --demo writes the last full month's PDF and CSV ZIP and says so", () => {
  assert.equal(env.DISPLAY, undefined);
  const month = lastMonth();
  const pdf = join(home, "pack.pdf");
  const zip = join(home, "pack.zip");
  const run = pack(["--month", month, "--out", pdf, "--csv", zip, "--demo"]);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, new RegExp(`wrote .*pack\\.pdf \\(\\d+ pages\\) and .*pack\\.zip for .*, ${month}`));
  const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Monthly compliance pack/);
  assert.match(text.stdout, new RegExp(month));
  assert.equal(readFileSync(zip).subarray(0, 2).toString(), "PK");
});

test("a month before any data exits 3 and names the month; a bad month exits 2", () => {
  const none = pack(["--month", "2019-03", "--out", join(home, "none.pdf"), "--demo"]);
  assert.equal(none.status, 3, `${none.stdout}\n${none.stderr}`);
  assert.match(none.stderr, /2019-03/);
  const bad = pack(["--month", "2026-13", "--out", join(home, "bad.pdf"), "--demo"]);
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /month/);
  assert.ok(!existsSync(join(home, "bad.pdf")), "nothing written for a bad month");
});

test("without --demo and with nobody signed in it exits 1 and says to sign in, keyring or not", () => {
  const run = pack(["--month", lastMonth(), "--out", join(home, "mine.pdf")]);
  assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, /nobody is signed in/);
});
