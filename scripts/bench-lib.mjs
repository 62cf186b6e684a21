// What the desktop benchmarks share (scripts/bench-shell.mjs, scripts/soak.mjs): memory of a
// process tree by /proc, a tauri-driver per home, and a timed panel switch.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The process and everything it started (web and network processes), by /proc. */
export function tree(root) {
  const parent = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) {
    for (const [pid, ppid] of parent) if (ppid === all[i]) all.push(pid);
  }
  return all;
}

/** PSS in MB of the process tree, with each process's share. */
export function pss(root) {
  let total = 0;
  const parts = [];
  for (const pid of tree(root)) {
    try {
      const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      total += kb;
      parts.push(`${comm} ${(kb / 1024).toFixed(0)}`);
    } catch {
      // gone
    }
  }
  return { mb: total / 1024, parts: parts.join(", ") };
}

export function homeDirs(home) {
  return {
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
}

/**
 * A tauri-driver whose environment the app inherits (tauri:options env is not passed on),
 * so each home gets a driver of its own. Resolves to { driver, url }.
 */
export async function startDriver(env) {
  const port = 4444 + Math.floor(Math.random() * 1000) * 2;
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    stdio: "ignore",
    env: { ...process.env, ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/status`)).ok) return { driver, url };
    } catch {
      // not yet
    }
    await sleep(100);
  }
  driver.kill();
  throw new Error("tauri-driver did not start");
}

/** The app's own process: the newest one running `bin` (started by the web driver). */
export function appPid(bin) {
  const found = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] === bin;
      } catch {
        return false;
      }
    })
    .map(Number);
  if (found.length === 0) throw new Error(`no process runs ${bin}`);
  return Math.max(...found);
}

// Clicks the sidebar link whose text starts with the panel's name and answers with the time to
// that panel's `panel-drawn` event (ui/src/app/firstPanel.ts), or with an error.
const SWITCH = `const [name, done] = arguments;
  const link = [...document.querySelectorAll("nav a")].find((a) => a.textContent.trim().startsWith(name));
  if (!link) return done({ error: "no nav link " + name });
  const timer = setTimeout(() => done({ error: "no panel-drawn event for " + name + " in 20 s" }), 20000);
  const t0 = performance.now();
  window.addEventListener("panel-drawn", (e) => { clearTimeout(timer); done({ panel: e.detail, ms: performance.now() - t0 }); }, { once: true });
  link.click();`;

/** Switches to a panel through the sidebar; resolves to { panel, ms } once it is drawn. */
export async function switchPanel(session, name) {
  const r = await session.cmd("POST", "/execute/async", { script: SWITCH, args: [name] });
  if (r?.error) throw new Error(r.error);
  return r;
}
