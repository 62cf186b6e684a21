// Soak of the release console (issue 17): the demo workspace for MINUTES (default 10), a sync
// of the audit log and the activity feed every 30 s while tauri-driver cycles through the
// panels, and the PSS of all its processes (the app, the web view's processes) every 10 s.
// Run by scripts/soak.sh, which builds in release and gives a display, a D-Bus session and an
// unlocked keyring. Prints every sample, then the growth from minute 2 to the end.
//
//   node scripts/soak.mjs --console BIN [--minutes 10]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "../tests/e2e/webdriver.mjs";
import { appPid, homeDirs, pss, sleep, startDriver, switchPanel } from "./bench-lib.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : [])),
);
const MINUTES = Number(args.minutes ?? 10);
// To tell where growth comes from: `--syncs off` or `--panels off` leaves one of them out.
const SYNCS = args.syncs !== "off";
const CYCLE = args.panels !== "off";
const SAMPLE_MS = 10_000;
const SYNC_MS = 30_000;
// Long enough on a panel for its queries to settle, as a person reading it would.
const DWELL_MS = 3_000;
const PANELS = ["Overview", "Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"];

// The same commands as the "Sync now" buttons of the Audit log and Activity panels.
const SYNC = `const done = arguments[0];
  const invoke = window.__TAURI_INTERNALS__.invoke;
  Promise.all([invoke("audit_sync_now"), invoke("activity_sync")])
    .then(() => done({ ok: true }), (e) => done({ error: JSON.stringify(e) }));`;

async function main() {
  const bin = args.console;
  const env = homeDirs(mkdtempSync(join(tmpdir(), "soak-")));
  const { driver, url } = await startDriver(env);
  const session = await Session.start(url, bin, env);
  try {
    await session.click(await session.waitFor("//button[normalize-space()='Open demo workspace']", 60_000));
    await session.waitFor("//nav//a", 120_000);
    const root = appPid(bin);
    const t0 = Date.now();
    const end = t0 + MINUTES * 60_000;
    const samples = [];
    const visits = Object.fromEntries(PANELS.map((p) => [p, 0]));
    let syncs = 0;
    let nextSample = t0;
    let nextSync = t0;
    // The console opens on the Overview: the cycle goes on from the next panel.
    let i = 1;
    while (Date.now() < end) {
      if (Date.now() >= nextSample) {
        const m = pss(root);
        const s = (Date.now() - t0) / 1000;
        samples.push({ s, mb: m.mb });
        console.log(`${s.toFixed(0).padStart(4)} s  PSS ${m.mb.toFixed(1)} MB (${m.parts})`);
        nextSample += SAMPLE_MS;
      }
      if (SYNCS && Date.now() >= nextSync) {
        const r = await session.cmd("POST", "/execute/async", { script: SYNC, args: [] });
        if (!r?.ok) throw new Error(`sync ${syncs + 1} failed: ${r?.error}`);
        syncs++;
        nextSync += SYNC_MS;
      }
      if (CYCLE) {
        const name = PANELS[i++ % PANELS.length];
        await switchPanel(session, name);
        visits[name]++;
      }
      await sleep(DWELL_MS);
    }
    const last = pss(root);
    samples.push({ s: (Date.now() - t0) / 1000, mb: last.mb });

    // A correct run before a figure: every sync succeeded on time, every panel was drawn more
    // than once, and a sample was taken at least every 10 s plus one dwell and one sync.
    const expectedSyncs = Math.floor((MINUTES * 60_000) / SYNC_MS);
    if (SYNCS && syncs < expectedSyncs) throw new Error(`${syncs} syncs, ${expectedSyncs} expected`);
    if (CYCLE) for (const [panel, n] of Object.entries(visits)) if (n < 2) throw new Error(`${panel} drawn ${n} times`);
    const gaps = samples.slice(1).map((x, k) => x.s - samples[k].s);
    if (Math.max(...gaps) > 10 + DWELL_MS / 1000 + 30) throw new Error(`a ${Math.max(...gaps).toFixed(0)} s gap between samples`);

    // Minute 2 against the last minute, each the mean of its samples: a single sample lands on
    // an allocator's high or low tide (the app process swings by ~90 MB within a minute).
    const minute = (from, to) => {
      const xs = samples.filter((x) => x.s >= from && x.s < to).map((x) => x.mb);
      if (xs.length < 3) throw new Error(`${xs.length} samples between ${from} and ${to} s`);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const span = MINUTES * 60;
    const from = { s: "60–120", mb: minute(60, 120) };
    const to = { s: `${span - 60}–${span}`, mb: minute(span - 60, span + 30) };
    const growth = ((to.mb - from.mb) / from.mb) * 100;
    const peak = Math.max(...samples.map((x) => x.mb));
    console.log(`\n${syncs} syncs, ${Object.values(visits).reduce((a, b) => a + b, 0)} panel switches (${Object.entries(visits).map(([p, n]) => `${p} ${n}`).join(", ")})`);
    console.log(`PSS mean over ${from.s} s ${from.mb.toFixed(1)} MB, over ${to.s} s ${to.mb.toFixed(1)} MB, peak ${peak.toFixed(1)} MB`);
    console.log(`growth from minute 2 to minute ${MINUTES}: ${growth.toFixed(1)} % (target <= 10 %)`);
  } finally {
    await session.quit().catch(() => undefined);
    await sleep(1000);
    driver.kill();
  }
}

await main();
