// Start-up and memory of the console against a bare Tauri window, in the same run (issue 18).
// Run by scripts/bench-shell.sh, which builds everything in release and gives a display, a
// D-Bus session and an unlocked keyring. Prints one line per measurement and a summary.
//
//   node scripts/bench-shell.mjs --console BIN --bare BIN --service BIN [--runs N]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Session } from "../tests/e2e/webdriver.mjs";
import { appPid, homeDirs, pss, sleep, startDriver, switchPanel } from "./bench-lib.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : [])),
);
const RUNS = Number(args.runs ?? 5);
const IDLE_MS = 3000;
// The console opens on the Overview; the tour visits every other panel once, in sidebar order.
const FIRST_PANEL = "overview";
const PANELS = ["Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"];

/** Starts `bin`, times process start to the `marker` line on stdout, then PSS when idle. */
async function coldStart(bin, argv, env, marker) {
  const t0 = performance.now();
  const child = spawn(bin, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "ignore"], detached: true });
  let out = "";
  const ms = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${bin}: no "${marker}" in 60 s: ${out}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      }
    });
    child.on("exit", (code) => reject(new Error(`${bin} exited ${code} before "${marker}": ${out}`)));
  });
  child.removeAllListeners("exit");
  await sleep(IDLE_MS);
  const memory = pss(child.pid);
  process.kill(-child.pid, "SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await sleep(500);
  return { ms, memory, out };
}

/** Opens the console through the web driver, visits every panel, and reads PSS after. */
async function tour(driverUrl, bin, env) {
  const session = await Session.start(driverUrl, bin, env);
  try {
    await session.waitFor("//nav//a", 60_000);
    // The first panel settles (its drawn report went out) before the first click.
    await sleep(IDLE_MS);
    const switches = [];
    for (const name of PANELS) switches.push(await switchPanel(session, name));
    await sleep(IDLE_MS);
    const memory = pss(appPid(bin));
    return { switches, memory };
  } finally {
    await session.quit().catch(() => undefined);
    await sleep(1000);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1];
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const fmt = (xs) => `median ${median(xs).toFixed(0)} (${spread(xs)}, n=${xs.length})`;

async function main() {
  const { console: consoleBin, bare, service } = args;
  // The bare window twice: as WebKit paints by default, and without GL compositing, as the
  // console paints on a machine with no GPU render node (src-tauri/src/rendering.rs).
  const results = { bare: { ms: [], mb: [] }, bareFlat: { ms: [], mb: [] } };

  // The external service: the console signs in to it, so the service is not counted.
  const serviceDir = mkdtempSync(join(tmpdir(), "bench-service-"));
  const servicePort = 18000 + Math.floor(Math.random() * 1000);
  const svc = spawn(service, ["serve", "--demo", "--listen", `127.0.0.1:${servicePort}`, "--database", `sqlite://${serviceDir}/admin.sqlite`], {
    stdio: "ignore",
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${servicePort}/api/v1/health`)).status < 500) break;
    } catch {
      // not yet
    }
    await sleep(200);
  }

  let driver = null;
  try {
    // Homes: one with the embedded demo seeded, one signed in to the external service.
    const demoHome = homeDirs(mkdtempSync(join(tmpdir(), "bench-demo-")));
    const extHome = homeDirs(mkdtempSync(join(tmpdir(), "bench-ext-")));
    // The first launch seeds the demo database; the runs below start on it seeded.
    const firstLaunch = await coldStart(consoleBin, ["--demo"], demoHome, "first panel drawn:");
    console.log(`console (demo) first launch, seeding the demo: ${firstLaunch.ms.toFixed(0)} ms`);
    {
      const started = await startDriver(extHome);
      driver = started.driver;
      const session = await Session.start(started.url, consoleBin, extHome);
      const field = (label) => `//label[normalize-space()='${label}']/following::input[1]`;
      const url = await session.waitFor(field("Server URL"), 60_000);
      // The field starts with "https://" typed in.
      await session.cmd("POST", `/element/${url}/clear`, {});
      await session.type(url, `http://127.0.0.1:${servicePort}`);
      await session.type(await session.waitFor(field("Username")), "manager@demo.example");
      await session.type(await session.waitFor(field("Password")), "demo-password");
      await session.click(await session.waitFor("//button[normalize-space()='Connect']"));
      await session.waitFor("//nav//a", 60_000);
      await session.quit();
      await sleep(1000);
      driver.kill();
    }
    const scenarios = {
      demo: { argv: ["--demo"], env: demoHome, ms: [], mb: [] },
      external: { argv: [], env: extHome, ms: [], mb: [] },
    };
    for (let run = 0; run < RUNS; run++) {
      for (const [name, env] of [["bare", {}], ["bareFlat", { WEBKIT_DISABLE_COMPOSITING_MODE: "1" }]]) {
        const b = await coldStart(bare, [], env, "first-script-ran");
        results[name].ms.push(b.ms);
        results[name].mb.push(b.memory.mb);
        console.log(`${name} run ${run + 1}: ${b.ms.toFixed(0)} ms, PSS ${b.memory.mb.toFixed(0)} MB (${b.memory.parts})`);
      }
      for (const [name, s] of Object.entries(scenarios)) {
        const c = await coldStart(consoleBin, s.argv, s.env, "first panel drawn:");
        if (!c.out.includes(`first panel drawn: ${FIRST_PANEL}`)) throw new Error(`${name}: the first screen was not the ${FIRST_PANEL}: ${c.out}`);
        s.ms.push(c.ms);
        s.mb.push(c.memory.mb);
        console.log(`console (${name}) run ${run + 1}: ${c.ms.toFixed(0)} ms, PSS ${c.memory.mb.toFixed(0)} MB (${c.memory.parts})`);
      }
    }
    const tours = {};
    for (const [name, s] of Object.entries(scenarios)) {
      tours[name] = { ms: [], mb: [], perPanel: {} };
      const started = await startDriver(s.env);
      driver = started.driver;
      for (let run = 0; run < Math.max(2, Math.ceil(RUNS / 2)); run++) {
        const t = await tour(started.url, consoleBin, s.env);
        for (const sw of t.switches) {
          tours[name].ms.push(sw.ms);
          (tours[name].perPanel[sw.panel] ??= []).push(sw.ms);
        }
        tours[name].mb.push(t.memory.mb);
        console.log(`console (${name}) tour ${run + 1}: ${t.switches.map((s) => `${s.panel} ${s.ms.toFixed(0)}`).join(", ")} ms; PSS after every panel ${t.memory.mb.toFixed(0)} MB (${t.memory.parts})`);
      }
      driver.kill();
    }

    console.log("\nsummary (ms, MB; median (min–max, n))");
    console.log(`bare window: cold start ${fmt(results.bare.ms)}; PSS ${fmt(results.bare.mb)}`);
    console.log(`bare window without compositing: cold start ${fmt(results.bareFlat.ms)}; PSS ${fmt(results.bareFlat.mb)}`);
    console.log(`console demo first launch (seeding): ${firstLaunch.ms.toFixed(0)} ms`);
    const ratios = (x, pick) =>
      Object.entries(results).map(([b, r]) => `${(median(x) / median(r[pick])).toFixed(2)}× ${b}`).join(", ");
    for (const [name, s] of Object.entries(scenarios)) {
      console.log(`console ${name}: cold start ${fmt(s.ms)} = ${ratios(s.ms, "ms")}; PSS first panel ${fmt(s.mb)} = ${ratios(s.mb, "mb")}`);
      const t = tours[name];
      console.log(`console ${name}: panel switch p95 ${p95(t.ms).toFixed(0)} ms, median ${median(t.ms).toFixed(0)} (n=${t.ms.length}); PSS after every panel ${fmt(t.mb)} = ${ratios(t.mb, "mb")}`);
      for (const [panel, xs] of Object.entries(t.perPanel)) console.log(`  ${name} ${panel}: ${xs.map((x) => x.toFixed(0)).join(", ")} ms`);
    }
  } finally {
    driver?.kill();
    svc.kill();
  }
}

await main();
