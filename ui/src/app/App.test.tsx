import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConsoleState } from "../bindings";
import { online } from "../testing/fakeBackend";
import { renderApp } from "../testing/render";

describe("start-up", () => {
  it("says why the console could not start, and tries again", async () => {
    let failures = 1;
    const { user } = renderApp({
      commands: {
        session_state: (): ConsoleState => {
          if (failures-- > 0) throw { kind: "keyring", message: "no secret service" };
          return { profile: null, session: null, connection: online };
        },
      },
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The console could not start.");
    expect(alert).toHaveTextContent("The system keyring could not be used: no secret service");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("button", { name: "Open demo workspace" })).toBeInTheDocument();
  });

  it("shows a bare Tauri rejection as an error instead of crashing", async () => {
    renderApp({
      commands: {
        session_state: () => {
          throw "command get_state not found";
        },
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("command get_state not found");
  });
});
