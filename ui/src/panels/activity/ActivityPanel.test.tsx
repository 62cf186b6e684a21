import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { userTimeText } from "../../shared/time";
import { FEEDS_SYNCED_AT } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";

type Options = Parameters<typeof renderSignedIn>[0];

async function openActivity(options: Options = {}) {
  const rendered = await renderSignedIn(options);
  // The Overview, where the console starts, syncs the feeds when it opens; so does Activity.
  await waitFor(() => expect(rendered.backend.callsOf("activity_sync")).toHaveLength(1));
  await rendered.user.click(screen.getByRole("link", { name: "Activity" }));
  await screen.findByRole("table", { name: "Timeline" });
  return rendered;
}

const notifications = () => screen.getByRole("region", { name: /Your notifications/ });
const sidebarCount = () => within(screen.getByRole("navigation", { name: "Main" })).queryByRole("status");

describe("activity panel", () => {
  it("UQ-ACTIVITY-PW: syncs the feeds on opening and shows the timeline newest first", async () => {
    const { backend } = await openActivity();
    expect(backend.callsOf("activity_sync")).toHaveLength(2);
    const rows = within(screen.getByRole("table", { name: "Timeline" })).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toHaveTextContent("maria.manager");
    expect(rows[0]).toHaveTextContent("Signed in");
    expect(rows.map((row) => row.textContent)).toContainEqual(expect.stringContaining("Password changed"));
    expect(screen.getByText(`Synced ${userTimeText(FEEDS_SYNCED_AT, "en")}`)).toBeInTheDocument();
    expect(screen.queryByRole("status", { name: /Offline/ })).not.toBeInTheDocument();
  });

  it("announces a sync asked for in a toast, and not the one opening the panel starts", async () => {
    const { user, backend } = await openActivity();
    await waitFor(() => expect(screen.getByRole("button", { name: "Sync now" })).toBeEnabled());
    expect(screen.queryByText("Activity and notifications are up to date.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Sync now" }));
    expect(await screen.findByText("Activity and notifications are up to date.")).toBeInTheDocument();
    expect(backend.callsOf("activity_sync")).toHaveLength(3);
  });

  it("says what to do when no activity matches the filter, and clears it", async () => {
    const { user } = await openActivity();
    await user.selectOptions(screen.getByLabelText("User"), "aino.virtanen@example.com");
    await user.selectOptions(screen.getAllByLabelText("Kind")[1] as HTMLElement, "unlocked");
    expect(await screen.findByText("No activity matches.")).toBeInTheDocument();
    expect(screen.getByText("Choose Everyone and Any kind to see all activity.")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Timeline" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Clear filter" }));
    const table = await screen.findByRole("table", { name: "Timeline" });
    expect(within(table).getAllByRole("row")).toHaveLength(7);
    expect(screen.getByLabelText("User")).toHaveValue("");
  });

  it("UQ-ACTIVITY-PW: filters one user's timeline by kind", async () => {
    const { user, backend } = await openActivity();
    await user.selectOptions(screen.getByLabelText("User"), "aino.virtanen@example.com");
    await user.selectOptions(screen.getAllByLabelText("Kind")[1] as HTMLElement, "password_changed");
    await expect
      .poll(() => within(screen.getByRole("table", { name: "Timeline" })).getAllByRole("row").length)
      .toBe(2);
    const row = within(screen.getByRole("table", { name: "Timeline" })).getAllByRole("row")[1];
    expect(row).toHaveTextContent("aino.virtanen@example.com");
    expect(row).toHaveTextContent("Password changed");
    expect(backend.callsOf("activity_view").at(-1)?.args).toEqual({
      filter: { user_id: 8, activity_kind: "password_changed", notification_kind: null, unread_only: false },
    });
  });

  it("shows the unread count in the sidebar and lowers it when a notification is marked read", async () => {
    const { user, backend } = await openActivity();
    expect(await within(notifications()).findByText("2 unread")).toBeInTheDocument();
    expect(sidebarCount()).toHaveTextContent("2");
    expect(sidebarCount()).toHaveAccessibleName("2 unread");
    await user.click(within(notifications()).getByRole("button", { name: /^Mark read: You were made Viewer/ }));
    expect(backend.callsOf("activity_mark_read")[0]?.args).toEqual({ ids: [12] });
    await expect.poll(() => sidebarCount()?.textContent).toBe("1");
    expect(within(notifications()).getByText("1 unread")).toBeInTheDocument();
    expect(within(notifications()).queryByRole("button", { name: /^Mark read: You were made Viewer/ })).not.toBeInTheDocument();

    await user.click(within(notifications()).getByRole("button", { name: "Mark all read" }));
    expect(backend.callsOf("activity_mark_read")[1]?.args).toEqual({ ids: [13] });
    await expect.poll(() => sidebarCount()).toBeNull();
    expect(within(notifications()).getByRole("button", { name: "Mark all read" })).toBeDisabled();
  });

  it("filters notifications by kind and to the unread ones", async () => {
    const { user } = await openActivity();
    const list = () => within(notifications()).getAllByRole("listitem");
    expect(list()).toHaveLength(3);
    await user.click(within(notifications()).getByLabelText("Unread only"));
    await expect.poll(() => list().length).toBe(2);
    await user.selectOptions(within(notifications()).getByLabelText("Kind"), "email_changed");
    await expect.poll(() => list().length).toBe(1);
    expect(list()[0]).toHaveTextContent("Your e-mail address was changed");
    expect(list()[0]).toHaveTextContent("E-mail changed");

    await user.selectOptions(within(notifications()).getByLabelText("Kind"), "backup_alert");
    expect(await within(notifications()).findByText("No notifications match.")).toBeInTheDocument();
    await user.click(within(notifications()).getByRole("button", { name: "Clear filter" }));
    await expect.poll(() => list().length).toBe(3);
    expect(within(notifications()).getByLabelText("Unread only")).not.toBeChecked();
  });

  it("updates the sidebar count when the background sync brings notifications", async () => {
    const { backend } = await renderSignedIn();
    await expect.poll(() => sidebarCount()?.textContent).toBe("2");
    await act(() =>
      backend.feedsSynced([
        { id: 14, user_id: 7, at: "2026-11-23T14:00:00Z", kind: "blocked", message: "Eino Korhonen was blocked.", read_at: null },
      ]),
    );
    await expect.poll(() => sidebarCount()?.textContent).toBe("3");
  });

  it("offline: shows the cached feeds as of the last sync, and a read waits for the next sync", async () => {
    const { user } = await openActivity({ state: { connection: { state: "offline", since: "2026-11-23T12:30:00Z" } } });
    expect(await screen.findByText(`Offline, showing data as of ${userTimeText(FEEDS_SYNCED_AT, "en")}.`)).toBeInTheDocument();
    // The failed sync is what "offline" means here, not an error to show.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(within(screen.getByRole("table", { name: "Timeline" })).getAllByRole("row")).toHaveLength(7);
    await user.click(within(notifications()).getByRole("button", { name: /^Mark read: You were made Viewer/ }));
    expect(await screen.findByText("Marked read here; the service is told at the next sync.")).toBeInTheDocument();
    await expect.poll(() => sidebarCount()?.textContent).toBe("1");
  });

  it("UQ-NOTIFY-CONTACT: shows each message's delivery status for the chosen user", async () => {
    const { user } = await openActivity();
    await user.selectOptions(screen.getByLabelText("User"), "aino.virtanen@example.com");
    const section = await screen.findByRole("region", { name: "Messages about aino.virtanen@example.com" });
    const table = await within(section).findByRole("table", { name: "Delivery status" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("E-mail: aino@new.example");
    expect(within(rows[0] as HTMLElement).getByText("Retrying")).toHaveAttribute("data-intent", "warning");
    expect(rows[0]).toHaveTextContent("550 no such mailbox");
    expect(rows[1]).toHaveTextContent("E-mail: aino@old.example");
    expect(within(rows[1] as HTMLElement).getByText("Sent")).toHaveAttribute("data-intent", "success");
  });

  it("UQ-NOTIFY-CONTACT: a contact change lists the messages to the old and the new address", async () => {
    const { user, backend } = await openActivity();
    await user.selectOptions(screen.getByLabelText("User"), "aino.virtanen@example.com");
    const section = await screen.findByRole("region", { name: "Messages about aino.virtanen@example.com" });
    await user.type(within(section).getByLabelText("New e-mail address"), "not-an-address");
    await user.click(within(section).getByRole("button", { name: "Save" }));
    expect(await within(section).findByText("not an e-mail address")).toBeInTheDocument();
    expect(within(section).getByLabelText("New e-mail address")).toHaveAttribute("aria-invalid", "true");

    await user.clear(within(section).getByLabelText("New e-mail address"));
    await user.type(within(section).getByLabelText("New e-mail address"), "aino@newer.example");
    await user.click(within(section).getByRole("button", { name: "Save" }));
    expect(backend.callsOf("activity_change_contact").at(-1)?.args).toEqual({ userId: 8, change: { email: "aino@newer.example" } });
    // The saved change is announced in a toast.
    expect(await screen.findByText("Saved; 2 messages are on their way.")).toBeInTheDocument();
    expect(within(section).getByLabelText("New e-mail address")).toHaveValue("");
    const table = within(section).getByRole("table", { name: "Delivery status" });
    await within(table).findByText("E-mail: aino@newer.example");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.slice(0, 2).map((row) => row.textContent)).toEqual([
      expect.stringContaining("E-mail: aino@newer.example"),
      expect.stringContaining("E-mail: aino@new.example"),
    ]);
    expect(within(table).getAllByText("Queued")).toHaveLength(2);
  });
});
