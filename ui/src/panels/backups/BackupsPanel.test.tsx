import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { BackupsView, RestoreRequestView } from "../../bindings";
import type { ChartOption } from "../../shared/EChart";
import { backupsView, FAILED_DRILL_REASON, kept, type FakeBackendOptions } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";
import { BACKUP_DAY_STATES } from "./Heatmap";

// jsdom lays nothing out, so the tests read the options the panel hands to the chart.
const charts = vi.hoisted(() => new Map<string, ChartOption>());
vi.mock("../../shared/EChart", () => ({
  EChart: ({ option, label }: { option: ChartOption; label: string }) => {
    charts.set(label, option);
    return <div role="img" aria-label={label} />;
  },
}));

/**
 * The question a destructive action asks, in its alert dialog, found whether or not it is
 * exposed: jsdom fires no focusout when a dialog is removed, so the library's modal layer may
 * still take an earlier test's or step's dialog for the open one and mark this one aria-hidden
 * (in Chromium it is exposed).
 */
const question = (name: string) => screen.findByRole("alertdialog", { name, hidden: true });
/** A button in that question. */
const answer = (dialog: HTMLElement, name: string) => within(dialog).getByRole("button", { name, hidden: true });

const HOUR = 3_600_000;
const CHART = "Backup status of each of the last 90 nights";

/** `offline` and `as_of` say how the console answers: the copy kept in the cache, and its time. */
async function openBackups(view?: Partial<BackupsView> & { offline?: boolean; as_of?: string }, commands: FakeBackendOptions["commands"] = {}) {
  charts.clear();
  const rendered = await renderSignedIn({
    commands: {
      ...(view && {
        backups_overview: () => {
          const { offline = false, as_of = new Date().toISOString(), ...rest } = view;
          return kept({ ...backupsView(), ...rest }, as_of, offline);
        },
      }),
      ...commands,
    },
  });
  await rendered.user.click(screen.getByRole("link", { name: "Backups" }));
  await screen.findByRole("heading", { name: "Backup status" });
  return rendered;
}

/** The heatmap's state of each date, read back from the chart's data. */
function heatmapStates(): Map<string, string> {
  const option = charts.get(CHART);
  const series = (option?.series as { data: [string, number][] }[] | undefined)?.[0];
  return new Map((series?.data ?? []).map(([date, value]) => [date, BACKUP_DAY_STATES[value] ?? "?"]));
}

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * HOUR).toISOString().slice(0, 10);

function request(overrides: Partial<RestoreRequestView["request"]>, nextSteps: RestoreRequestView["next_steps"]): RestoreRequestView {
  const snapshot = backupsView().snapshots[0];
  return {
    request: {
      id: 7,
      account_id: 3,
      scope: "channel",
      channel_id: 31,
      backup_id: snapshot?.id ?? 0,
      status: "requested",
      estimate_hours: null,
      steps: [{ status: "requested", at: "2026-11-20T08:00:00Z", by: "maria.manager", note: "Orders gone" }],
      ...overrides,
    },
    account_name: "Northwind Media",
    channel_name: "Web shop",
    snapshot_taken_at: snapshot?.started_at ?? null,
    next_steps: nextSteps,
  };
}

describe("backups panel", () => {
  it("FZ-BACKUP-DAILY, UQ-RESTORE-DRILL: the 90-night heatmap shows verified, backed up, failed and missed nights", async () => {
    await openBackups();
    const states = heatmapStates();
    expect(states.size).toBe(90);
    expect(states.get(daysAgo(40))).toBe("missed");
    expect(states.get(daysAgo(21))).toBe("failed");
    expect(states.get(daysAgo(14))).toBe("verified");
    expect(states.get(daysAgo(3))).toBe("backed_up");
    expect(states.get(daysAgo(0))).toBe("pending");
    // Each state has its own colour, by the chart's piecewise map.
    const pieces = (charts.get(CHART)?.visualMap as { pieces: { value: number; color: string }[] }).pieces;
    expect(pieces.map((p) => p.value)).toEqual([0, 1, 2, 3, 4, 5]);
    const legend = screen.getByRole("list", { name: "Legend" });
    expect(within(legend).getByText("Missed (1)")).toBeInTheDocument();
    expect(within(legend).getByText("Failed (1)")).toBeInTheDocument();
    expect(within(legend).getByText("Backed up and restore-tested (11)")).toBeInTheDocument();
    expect(within(legend).getByText("Backed up (76)")).toBeInTheDocument();
    expect(within(legend).getByText("Tonight, not yet run (1)")).toBeInTheDocument();
    expect(within(legend).queryByText(/Before the first backup/)).not.toBeInTheDocument();
  });

  it("UQ-BACKUP-DAILY: the age of the last good backup is plain under 26 hours", async () => {
    await openBackups({ last_good_at: new Date(Date.now() - 25 * HOUR - 10 * 60_000).toISOString() });
    expect(screen.getByTestId("backup-age")).toHaveTextContent("25 h 10 min ago");
    expect(screen.queryByText(/No good backup for over/)).not.toBeInTheDocument();
  });

  it("UQ-BACKUP-DAILY: past 26 hours without a good backup the panel warns", async () => {
    await openBackups({ last_good_at: new Date(Date.now() - 27 * HOUR).toISOString() });
    expect(screen.getByTestId("backup-age")).toHaveTextContent("27 h 0 min ago");
    expect(screen.getByRole("alert")).toHaveTextContent("No good backup for over 26 hours.");
  });

  it("UQ-RESTORE-DRILL: a failed last drill shows with its reason, and open alerts are listed", async () => {
    const view = backupsView();
    await openBackups({
      last_drill: { id: 20, backup_id: 990, started_at: "2026-11-22T00:30:00Z", passed: false, reason: FAILED_DRILL_REASON, duration_ms: 2_300 },
      open_alerts: [{ id: 5, at: "2026-11-22T00:31:00Z", kind: "failed_drill", message: "The restore drill of backup 990 failed." }],
      snapshots: view.snapshots,
    });
    const drill = screen.getByTestId("last-drill");
    expect(within(drill).getByText("Failed")).toBeInTheDocument();
    expect(drill).toHaveTextContent(`Reason: ${FAILED_DRILL_REASON}`);
    expect(drill).toHaveTextContent("backup #990, took 2.3 s");
    const alerts = screen.getByRole("list", { name: "Open backup alerts" });
    expect(alerts).toHaveTextContent("Drill failed");
    expect(alerts).toHaveTextContent("The restore drill of backup 990 failed.");
  });

  it("4S-BACKUP-NIGHTLY: lists the kept snapshots with time, size, checksum and retention class", async () => {
    await openBackups();
    const table = screen.getByRole("table", { name: "Snapshots you can restore" });
    const rows = within(table).getAllByRole("row");
    expect(within(rows[0] as HTMLElement).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Taken",
      "Size",
      "Checksum (SHA-256)",
      "Kept as",
    ]);
    expect(rows).toHaveLength(12);
    const first = backupsView().snapshots[0];
    const cells = within(rows[1] as HTMLElement).getAllByRole("cell");
    expect(cells[1]).toHaveTextContent("8.2 MB");
    expect(within(cells[2] as HTMLElement).getByText(`${first?.sha256?.slice(0, 16)}…`)).toHaveAttribute("title", first?.sha256);
    expect(cells[3]).toHaveTextContent("Daily");
    expect(within(table).getAllByText("Weekly")).toHaveLength(4);
  });

  it("4S-BACKUP-NIGHTLY: the snapshots sort by time or size, the sorted column says which way", async () => {
    const { user } = await openBackups();
    const table = screen.getByRole("table", { name: "Snapshots you can restore" });
    const taken = within(table).getByRole("columnheader", { name: "Taken" });
    const size = within(table).getByRole("columnheader", { name: "Size" });
    expect(taken).toHaveAttribute("aria-sort", "descending");
    expect(size).toHaveAttribute("aria-sort", "none");
    const sizes = () =>
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((row) => within(row).getAllByRole("cell")[1]?.textContent);
    const bytes = backupsView().snapshots.map((s) => s.size_bytes ?? -1);
    await user.click(within(size).getByRole("button"));
    expect(size).toHaveAttribute("aria-sort", "descending");
    expect(taken).toHaveAttribute("aria-sort", "none");
    const descending = sizes();
    await user.click(within(size).getByRole("button"));
    expect(size).toHaveAttribute("aria-sort", "ascending");
    expect(sizes()).toEqual([...descending].reverse());
    expect(Math.max(...bytes)).toBeGreaterThan(Math.min(...bytes));
    await user.click(within(taken).getByRole("button"));
    expect(taken).toHaveAttribute("aria-sort", "descending");
    expect(within(within(table).getAllByRole("row")[1] as HTMLElement).getAllByRole("cell")[1]).toHaveTextContent("8.2 MB");
  });

  it("empty tables say what comes next", async () => {
    await openBackups({ snapshots: [], requests: [] });
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.getByText("No snapshot is kept at the moment.")).toBeInTheDocument();
    expect(screen.getByText(/The nightly backup keeps a new snapshot each night/)).toBeInTheDocument();
    expect(screen.getByText("To get data back from a kept snapshot, choose Request restore.")).toBeInTheDocument();
  });

  it("4S-RESTORE-REQUEST: the dialog offers only kept snapshots and the account's channels, says work is billed by the hour, and sends", async () => {
    const { user, backend } = await openBackups();
    await user.click(screen.getByRole("button", { name: "Request restore" }));
    const dialog = screen.getByRole("dialog", { name: "Request restore" });
    expect(within(dialog).getByRole("note")).toHaveTextContent("Recovery work is billed by the hour.");
    const snapshots = backupsView().snapshots;
    const picker = within(dialog).getByRole("combobox", { name: "Snapshot" });
    const options = within(picker).getAllByRole("option") as HTMLOptionElement[];
    expect(options.map((o) => Number(o.value))).toEqual(snapshots.map((s) => s.id));
    expect(options[7]).toHaveTextContent("(Weekly)");
    await user.click(within(dialog).getByRole("radio", { name: "One channel" }));
    const channel = within(dialog).getByRole("combobox", { name: "Channel" });
    expect(within(channel).getAllByRole("option").map((o) => o.textContent)).toEqual(["Web shop", "Mobile app"]);
    await user.selectOptions(channel, "Mobile app");
    await user.selectOptions(picker, String(snapshots[8]?.id));
    await user.type(within(dialog).getByLabelText("Note for the operators (optional)"), "Lost a campaign");
    await user.click(within(dialog).getByRole("button", { name: "Send request" }));
    expect(backend.callsOf("backups_request_restore")[0]?.args).toEqual({
      request: { scope: "channel", channel_id: 32, backup_id: snapshots[8]?.id, note: "Lost a campaign" },
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await screen.findByText("Restore request sent. An operator will estimate the hours.")).toBeInTheDocument();
    const row = await screen.findByRole("row", { name: "Restore request 1" });
    expect(row).toHaveTextContent("Channel: Mobile app");
    expect(row).toHaveTextContent("Requested");
  });

  it("4S-RESTORE-REQUEST: the service's refusal of a request is shown at the snapshot picker", async () => {
    const { user } = await openBackups(undefined, {
      backups_request_restore: () => {
        throw { kind: "invalid_input", message: "pick a kept daily or weekly snapshot", field: "backup_id" };
      },
    });
    await user.click(screen.getByRole("button", { name: "Request restore" }));
    const dialog = screen.getByRole("dialog", { name: "Request restore" });
    await user.click(within(dialog).getByRole("button", { name: "Send request" }));
    // At the picker it names: the picker is described by it, and marked invalid.
    const picker = within(dialog).getByRole("combobox", { name: "Snapshot" });
    await waitFor(() => expect(picker).toHaveAccessibleDescription("pick a kept daily or weekly snapshot"));
    expect(picker).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getAllByText("pick a kept daily or weekly snapshot")).toHaveLength(1);
    expect(screen.getByRole("dialog", { name: "Request restore" })).toBeInTheDocument();
  });

  it("4S-RESTORE-REQUEST: the dialog closes with Esc, sends nothing, and gives focus back to its button", async () => {
    const { user, backend } = await openBackups();
    const opener = screen.getByRole("button", { name: "Request restore" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Request restore" });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(opener).toHaveFocus();
    expect(backend.callsOf("backups_request_restore")).toHaveLength(0);
  });

  it("4S-RESTORE-REQUEST: the manager accepts an estimate; the operator's steps are not offered", async () => {
    const { user, backend } = await renderSignedIn();
    backend.addRestoreRequest({ ...request({ status: "estimated", estimate_hours: 3.5 }, []).request });
    await user.click(screen.getByRole("link", { name: "Backups" }));
    const row = await screen.findByRole("row", { name: "Restore request 1" });
    expect(within(row).getAllByRole("button").map((b) => b.textContent)).toEqual(["Accept estimate (3.5\u00a0h, billed by the hour)"]);
    await user.click(within(row).getByRole("button"));
    expect(backend.callsOf("backups_step_restore")[0]?.args).toEqual({ id: 1, patch: { status: "approved", estimate_hours: null, note: null } });
    expect(await within(row).findByText("Approved", { selector: ".fui-Badge" })).toBeInTheDocument();
    expect(await screen.findByText("Estimate accepted for request #1.")).toBeInTheDocument();
  });

  it("4S-RESTORE-REQUEST: an operator's rejection asks first; answering Cancel sends nothing", async () => {
    const { user, backend } = await openBackups({ may_request: false, channels: [], requests: [request({}, ["estimated", "rejected"])] });
    const row = screen.getByRole("row", { name: "Restore request 7" });
    await user.click(within(row).getByRole("button", { name: "Reject" }));
    const ask = await question("Reject restore request #7?");
    expect(ask).toHaveTextContent("Northwind Media is told that request #7 was rejected");
    await user.click(answer(ask, "Cancel"));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument());
    expect(backend.callsOf("backups_step_restore")).toHaveLength(0);
  });

  it("4S-RESTORE-REQUEST: a confirmed rejection is sent and announced", async () => {
    const pending = request({}, ["estimated", "rejected"]);
    const { user, backend } = await openBackups(
      { may_request: false, channels: [], requests: [pending] },
      { backups_step_restore: () => ({ ...pending.request, status: "rejected" }) },
    );
    const row = screen.getByRole("row", { name: "Restore request 7" });
    await user.click(within(row).getByRole("button", { name: "Reject" }));
    await user.click(answer(await question("Reject restore request #7?"), "Reject"));
    await waitFor(() => expect(backend.callsOf("backups_step_restore")).toHaveLength(1));
    expect(backend.callsOf("backups_step_restore")[0]?.args).toEqual({ id: 7, patch: { status: "rejected", estimate_hours: null, note: null } });
    expect(await screen.findByText("Request #7 rejected.")).toBeInTheDocument();
  });

  it("4S-RESTORE-REQUEST: an operator sees every account's requests with their steps, and a refused step says why", async () => {
    const { user, backend } = await openBackups(
      { may_request: false, channels: [], requests: [request({}, ["estimated", "rejected"])] },
      {
        backups_step_restore: () => {
          throw { kind: "conflict", message: "a restore request cannot go from approved to estimated" };
        },
      },
    );
    expect(screen.queryByRole("button", { name: "Request restore" })).not.toBeInTheDocument();
    const row = screen.getByRole("row", { name: "Restore request 7" });
    expect(row).toHaveTextContent("Northwind Media");
    expect(within(row).getByRole("button", { name: "Reject" })).toBeInTheDocument();
    await user.type(within(row).getByLabelText("Hours"), "4.5");
    await user.click(within(row).getByRole("button", { name: "Send estimate" }));
    expect(backend.callsOf("backups_step_restore")[0]?.args).toEqual({ id: 7, patch: { status: "estimated", estimate_hours: 4.5, note: null } });
    expect(await within(row).findByRole("alert")).toHaveTextContent("a restore request cannot go from approved to estimated");
  });

  it("offline, shows the cached copy with its time and no controls that need the service", async () => {
    await openBackups({ offline: true, as_of: "2026-11-23T10:00:00Z", requests: [request({ status: "estimated", estimate_hours: 2 }, ["approved"])] });
    expect(screen.getByText(/^Offline, showing data as of/)).toHaveTextContent(
      "Offline, showing data as of Nov 23, 2026, 10:00 AM (Helsinki Nov 23, 2026, 12:00 PM).",
    );
    expect(screen.getByRole("button", { name: "Request restore" })).toBeDisabled();
    expect(screen.getByRole("button", { name: /Accept estimate/ })).toBeDisabled();
  });

  it("tells other roles who sees backups", async () => {
    await renderSignedIn({
      commands: {
        backups_overview: () => {
          throw { kind: "forbidden", message: "reading backups needs a role" };
        },
      },
    }).then(({ user }) => user.click(screen.getByRole("link", { name: "Backups" })));
    expect(await screen.findByRole("alert")).toHaveTextContent("Backups are shown to Account Managers and Service Operators.");
  });
});
