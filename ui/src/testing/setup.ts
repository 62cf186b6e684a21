import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { resetFirstPanelReport } from "../app/firstPanel";
import i18n, { LANGUAGES, loadLanguage, loadStrings, STRINGS_PARTS } from "../i18n";

/**
 * Every test starts at the same instant, so no outcome depends on the day it runs; the clock
 * still moves, so waits and timeouts behave as in the app. `TEST_NOW` picks another instant
 * (e.g. a DST change) to check a suite there.
 */
export const TEST_NOW = new Date(import.meta.env["TEST_NOW"] ?? "2026-03-02T09:00:00Z");

// findBy* and waitFor give a loaded CI machine more than the default second.
configure({ asyncUtilTimeout: 5_000 });

function startClock() {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(TEST_NOW);
}

// Once here too, for the times a test file computes at its top level.
startClock();

// The app loads a screen's strings with the screen, and Finnish and Swedish when chosen;
// tests render screens on their own and switch languages mid-test and read the result at
// once, so every part in every language is at hand from the start.
await loadStrings(...STRINGS_PARTS);
await Promise.all(LANGUAGES.map(loadLanguage));

beforeEach(async () => {
  startClock();
  // Each test is a fresh window, which reports its first panel again.
  resetFirstPanelReport();
  await i18n.changeLanguage("en");
});

afterEach(async () => {
  vi.useRealTimers();
  cleanup();
  // Unmounting unsubscribes from events through the IPC, which must still be mocked then.
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
  localStorage.clear();
});
