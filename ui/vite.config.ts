/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { startupBudget } from "./build/startupBudget";

// Issue 18's target is 300 kB; React DOM, TanStack Query and i18next alone are ~265 kB of
// it, so this guards what was reached until the shell's own strings move out: 362 kB, then
// 373 kB with third-party sign-in on the signed-out screens and the desktop settings (their
// English strings load with the shell; moving strings per panel is issue 18's next step).
const STARTUP_JS_BUDGET = 375_000;

export default defineConfig({
  plugins: [react(), startupBudget(STARTUP_JS_BUDGET)],
  // Tauri prints its own logs in the same terminal.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // The Rust side is rebuilt by cargo; reloading the page for its changes is useless.
    watch: { ignored: ["**/src-tauri/**", "**/crates/**"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    // WebKitGTK on Linux and WKWebView on macOS lag behind Chromium.
    target: ["es2022", "safari15"],
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // CI has two cores shared with the Rust build's leftovers; 5 s made typing tests flaky.
    testTimeout: 20_000,
    // Times are checked as Helsinki reads them and as the user's own zone does: fix the latter.
    env: { TZ: "UTC" },
  },
});
