// Bundled only for the browser tests (never into dist/): the built app has no Tauri behind it,
// so the tests inject this before the app's own scripts to stand in for the Rust side.
import { installFakeBackend, type FakeBackend } from "../src/testing/fakeBackend";

declare global {
  interface Window {
    fakeBackend: FakeBackend;
  }
}

// `?twoFactor=code` or `?twoFactor=enrol` opens on an account that requires two-factor sign-in.
const twoFactor = new URLSearchParams(location.search).get("twoFactor");
window.fakeBackend = installFakeBackend({
  latencyMs: 150,
  audit: { cached: 1_000_000 },
  ...(twoFactor === "code" || twoFactor === "enrol" ? { twoFactor } : {}),
});
