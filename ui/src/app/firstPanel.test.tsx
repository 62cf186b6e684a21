import { render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { useDrawn } from "./firstPanel";
import type { Commands } from "../commands";
import { kept, SYNCED_NOW } from "../testing/fakeBackend";
import { overviewView } from "../testing/fakeOverview";
import { renderApp, renderSignedIn } from "../testing/render";

function nextPanelDrawn(): Promise<string> {
  return new Promise((resolve) =>
    window.addEventListener("panel-drawn", (event) => resolve((event as CustomEvent<string>).detail), { once: true }),
  );
}

// Issue 18: the console defers its update check and syncs until the UI says its first
// panel is drawn with data.
type Overview = Commands["overview_view"]["result"];

describe("first panel drawn", () => {
  it("is reported once, after the first panel's data arrived, not before", async () => {
    let answer: (overview: Overview) => void = () => undefined;
    const { backend, user } = await renderSignedIn({
      commands: { overview_view: () => new Promise<Overview>((resolve) => (answer = resolve)) },
    });
    // The shell is up and the panel's code is in, but its data is not.
    await waitFor(() => expect(backend.callsOf("overview_view")).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.callsOf("startup_first_panel_drawn")).toHaveLength(0);

    answer(kept(overviewView(), SYNCED_NOW));
    await waitFor(() => expect(backend.callsOf("startup_first_panel_drawn")).toHaveLength(1));
    expect(backend.callsOf("startup_first_panel_drawn")[0]?.args).toEqual({ panel: "overview" });

    // Later panels are drawn too (the benchmark times them), but the console hears once.
    const drawn = nextPanelDrawn();
    await user.click(screen.getByRole("link", { name: "Activity" }));
    expect(await drawn).toBe("activity");
    expect(backend.callsOf("startup_first_panel_drawn")).toHaveLength(1);
  });

  it("is reported by the welcome screen when no workspace is set up", async () => {
    const { backend } = renderApp();
    await waitFor(() => expect(backend.callsOf("startup_first_panel_drawn")).toHaveLength(1));
    expect(backend.callsOf("startup_first_panel_drawn")[0]?.args).toEqual({ panel: "welcome" });
  });

  it("is not reported for a screen unmounted before its paint", async () => {
    const onDrawn = vi.fn();
    function Probe() {
      useDrawn("gone", onDrawn);
      return null;
    }
    const { unmount } = render(
      <QueryClientProvider client={new QueryClient()}>
        <Probe />
      </QueryClientProvider>,
    );
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onDrawn).not.toHaveBeenCalled();
  });
});
