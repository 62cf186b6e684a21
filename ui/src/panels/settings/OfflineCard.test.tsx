import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../../testing/render";

async function openCard() {
  const rendered = await renderSignedIn();
  await rendered.user.click(screen.getByRole("link", { name: "Settings" }));
  const card = await screen.findByRole("region", { name: "Offline copy" });
  await within(card).findByText("Size on disk");
  return { ...rendered, card };
}

describe("offline copy card", () => {
  it("shows the cache's size and the last full sync", async () => {
    const { card } = await openCard();
    expect(within(card).getByText("Size on disk").nextElementSibling).toHaveTextContent("1.4 MB");
    expect(within(card).getByText("Last full sync").nextElementSibling).not.toHaveTextContent("Not yet");
    expect(within(card).getByLabelText("Refresh in the background")).toHaveValue("5");
  });

  it("syncs everything, says so, and shows the new time", async () => {
    const { card, user, backend } = await openCard();
    await user.click(within(card).getByRole("button", { name: "Sync everything" }));
    expect(await screen.findByRole("listitem", { name: "Every panel's offline copy is up to date." })).toBeInTheDocument();
    expect(backend.callsOf("offline_sync_everything")).toHaveLength(1);
    expect(within(card).queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("sets the background sync's cadence", async () => {
    const { card, user, backend } = await openCard();
    await user.selectOptions(within(card).getByLabelText("Refresh in the background"), "15");
    expect(backend.callsOf("offline_set_cadence")[0]?.args).toEqual({ minutes: 15 });
    expect(await within(card).findByDisplayValue("Every 15 minutes")).toBeInTheDocument();
  });

  it("clears the copy only after asking, and keeps the session", async () => {
    const { card, user, backend } = await openCard();
    await user.click(within(card).getByRole("button", { name: "Clear the offline copy" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Clear the offline copy?" });
    expect(backend.callsOf("offline_clear_cache")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Clear the offline copy" }));
    expect(await screen.findByRole("listitem", { name: "The offline copy was cleared." })).toBeInTheDocument();
    expect(within(card).getByText("Last full sync").nextElementSibling).toHaveTextContent("Not yet");
    expect(backend.callsOf("session_sign_out")).toHaveLength(0);
  });
});
