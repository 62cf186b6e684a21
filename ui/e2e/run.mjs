// `npm run test:browser`: builds the app when its sources changed, serves dist/ on a free
// loopback port and runs the Playwright tests under node's own test runner.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const e2eDir = join(root, "e2e");
const mockOut = join(root, "test-results", "e2e-build");

/** @param {string} path @returns {number} */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function distIsStale() {
  const built = join(root, "dist", "index.html");
  if (!existsSync(built)) return true;
  const inputs = ["src", "index.html", "vite.config.ts", "package.json", "tsconfig.app.json"];
  return Math.max(...inputs.map((input) => newestMtime(join(root, input)))) > statSync(built).mtimeMs;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolvePort, rejectPort) => {
    const server = createServer();
    server.once("error", rejectPort);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

if (distIsStale()) {
  console.log("dist/ is missing or older than the sources: building");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await build({
  configFile: false,
  root,
  logLevel: "warn",
  build: {
    outDir: mockOut,
    emptyOutDir: true,
    target: "es2022",
    minify: false,
    lib: { entry: join(e2eDir, "mock-ipc.ts"), formats: ["iife"], name: "mockIpc", fileName: () => "mock-ipc.js" },
  },
});

// The desktop app's Content-Security-Policy (tauri.conf.json), sent with every page, so a
// style or script the web view would refuse is refused here too.
const tauriConf = JSON.parse(readFileSync(join(root, "..", "tauri.conf.json"), "utf8"));
const csp = Object.entries(tauriConf.app.security.csp)
  .map(([directive, sources]) => `${directive} ${sources}`)
  .join("; ");

const port = await freePort();
const server = await preview({
  root,
  logLevel: "warn",
  preview: {
    host: "127.0.0.1",
    port,
    strictPort: true,
    open: false,
    headers: { "Content-Security-Policy": csp },
  },
});

// `npm run test:browser -- a11y` runs the files whose names hold one of the words given.
const only = process.argv.slice(2);
const tests = readdirSync(e2eDir)
  .filter((name) => name.endsWith(".test.mjs") && (only.length === 0 || only.some((word) => name.includes(word))))
  .map((name) => join(e2eDir, name));

const exitCode = await new Promise((resolveExit) => {
  const child = spawn(process.execPath, ["--test", "--test-reporter=spec", ...tests], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_BASE_URL: `http://127.0.0.1:${port}/`,
      E2E_MOCK_SCRIPT: join(mockOut, "mock-ipc.js"),
    },
  });
  child.on("exit", (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
});

await server.close();
process.exit(exitCode);
