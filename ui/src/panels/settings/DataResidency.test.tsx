import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../../testing/render";

type Options = Parameters<typeof renderSignedIn>[0];

async function openService(options: Options = {}) {
  const rendered = await renderSignedIn(options);
  await rendered.user.click(screen.getByRole("link", { name: "Settings" }));
  const card = await screen.findByRole("region", { name: "Service" });
  const register = await within(card).findByRole("table", { name: "Sub-processors" });
  return { ...rendered, card, register };
}

describe("where data goes", () => {
  it("4S-SUBPROC, 4S-HOST: shows the sub-processor register beside the service region", async () => {
    const { card, register } = await openService();
    expect(within(card).getByText("Service region").nextElementSibling).toHaveTextContent("eu-north");
    const rows = within(register).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Postbird Mail Inc.");
    expect(rows[0]).toHaveTextContent("e-mail address, name, notice text");
    expect(within(rows[0] as HTMLElement).getByText("Outside the EU/EEA")).toHaveAttribute("data-region", "outside");
    expect(rows[0]).toHaveTextContent("Virginia, United States");
    expect(within(rows[1] as HTMLElement).getByText("EU/EEA")).toHaveAttribute("data-region", "eea");
    expect(within(card).getByRole("switch", { name: "Keep data in Europe" })).not.toBeChecked();
  });

  it("4S-SUBPROC: keeping data in Europe says what is off and why, and the delivery status shows the held message", async () => {
    const { user, card, backend } = await openService();
    await user.click(within(card).getByRole("switch", { name: "Keep data in Europe" }));
    expect(backend.callsOf("residency_set_keep_in_europe")[0]?.args).toEqual({ accountId: 3, keep: true });
    const off = await within(card).findByRole("list", { name: "Off while data stays in Europe" });
    expect(off).toHaveTextContent("E-mail notices are held, not sent: Postbird Mail Inc. is outside Europe");
    await expect.poll(() => within(card).getByRole("switch", { name: "Keep data in Europe" })).toBeChecked();

    await user.click(screen.getByRole("link", { name: "Activity" }));
    await user.selectOptions(await screen.findByLabelText("User"), "aino.virtanen@example.com");
    const section = await screen.findByRole("region", { name: "Messages about aino.virtanen@example.com" });
    const table = await within(section).findByRole("table", { name: "Delivery status" });
    const held = within(table).getAllByRole("row")[1] as HTMLElement;
    expect(held).toHaveTextContent("E-mail: aino@new.example");
    expect(within(held).getByText("Held")).toHaveAttribute("data-intent", "warning");
    expect(held).toHaveTextContent("Held: data residency (the account keeps its data in Europe)");
  });

  it("4S-SUBPROC: offline, the register is the last copy and the setting cannot be changed", async () => {
    const { card } = await openService({ state: { connection: { state: "offline", since: "2026-11-23T13:40:00Z" } } });
    expect(within(card).getByRole("status")).toHaveTextContent(/Offline/);
    expect(within(card).getByRole("switch", { name: "Keep data in Europe" })).toBeDisabled();
  });
});
