import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { MaintenanceOverview, MaintenanceWindow, SessionView } from "../../bindings";
import { demoProfile, kept, sessionFor } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";

/**
 * The question a destructive action asks, in its alert dialog, found whether or not it is
 * exposed: jsdom fires no focusout when a dialog is removed, so the library's modal layer may
 * still take an earlier test's or step's dialog for the open one and mark this one aria-hidden
 * (in Chromium it is exposed).
 */
const question = (name: string) => screen.findByRole("alertdialog", { name, hidden: true });
/** A button in that question. */
const answer = (dialog: HTMLElement, name: string) => within(dialog).getByRole("button", { name, hidden: true });

const soon = new Date(Date.now() + 2 * 86_400_000 + 3 * 3_600_000 + 90_000).toISOString();

const window: MaintenanceWindow = {
  id: 4,
  title: "Search index rebuild",
  description: "The index is rebuilt.",
  impact: "Search may be incomplete",
  affected_components: ["search"],
  starts_at: soon,
  ends_at: new Date(Date.parse(soon) + 2 * 3_600_000).toISOString(),
  status: "scheduled",
  announced_at: "2030-01-01T00:00:00Z",
  routine: true,
  series_id: null,
  recurrence: null,
};

const overview: MaintenanceOverview = {
  windows: [window],
  this_month: { year: 2027, month: 3, used_minutes: 450, cap_minutes: 480 },
  next_month: { year: 2027, month: 4, used_minutes: 0, cap_minutes: 480 },
  next_window: window,
};

function operator(): SessionView {
  return { ...sessionFor(demoProfile), assignments: [{ id: 9, role: "service_operator", scope: { level: "platform" } }] };
}

async function openPanel(options: Parameters<typeof renderSignedIn>[0] = {}) {
  const rendered = await renderSignedIn({
    ...options,
    commands: { maintenance_overview: () => kept(overview, "2030-01-01T00:00:00Z"), ...options.commands },
  });
  await rendered.user.click(screen.getByRole("link", { name: "Maintenance" }));
  await screen.findByText("Upcoming maintenance");
  return rendered;
}

describe("maintenance panel", () => {
  it("shows this and next month's budget against the 8 h cap (4S-MAINT-CAP) and a countdown", async () => {
    await openPanel();
    const march = screen.getByRole("meter", { name: "Maintenance used in March 2027" });
    expect(march).toHaveAttribute("value", "450");
    expect(march).toHaveAttribute("max", "480");
    expect(screen.getByText("7 h 30 min used of 8 h")).toBeInTheDocument();
    expect(screen.getByText("0 min used of 8 h")).toBeInTheDocument();
    const timer = screen.getByRole("timer", { name: "Time to the next maintenance" });
    expect(timer).toHaveTextContent("Next: Search index rebuild");
    expect(timer).toHaveTextContent("Starts in 2 d 3 h 1 min");
    // A manager reads but does not schedule.
    expect(screen.queryByRole("button", { name: "Schedule maintenance" })).not.toBeInTheDocument();
  });

  it("shows a window's details in Helsinki time", async () => {
    const { user } = await openPanel();
    const list = screen.getByRole("list", { name: "Upcoming maintenance" });
    await user.click(within(list).getByRole("button", { name: "Search index rebuild" }));
    const details = screen.getByRole("region", { name: "Search index rebuild" });
    expect(within(details).getByText("Helsinki time")).toBeInTheDocument();
    expect(within(details).getByText("Search may be incomplete")).toBeInTheDocument();
    expect(within(details).queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
  });

  it("checks the rules live in Rust and still shows the service's refusal (4S-MAINT-CAP)", async () => {
    const { user, backend } = await openPanel({
      state: { profile: demoProfile, session: operator() },
      commands: {
        maintenance_check: () => ({
          routine: true,
          occurrences: 1,
          violations: [
            { clause: "4S-MAINT-CAP", message: "March 2027 would have 9 h 30 min of maintenance; the cap is 8 h" },
          ],
        }),
        maintenance_create: () => {
          throw {
            kind: "policy_violation",
            message: "refused",
            violations: [
              { clause: "4S-MAINT-CAP", message: "March 2027 would have 8 h 1 min of maintenance; the cap is 8 h" },
            ],
          };
        },
      },
    });
    await user.click(screen.getByRole("button", { name: "Schedule maintenance" }));
    const dialog = screen.getByRole("dialog", { name: "Schedule maintenance" });
    await user.type(within(dialog).getByLabelText("Title"), "Upgrade");
    fireEvent.change(within(dialog).getByLabelText("Starts (Helsinki time)"), { target: { value: "2027-03-09T21:00" } });
    fireEvent.change(within(dialog).getByLabelText("Ends (Helsinki time)"), { target: { value: "2027-03-10T02:30" } });
    const wouldBreak = await within(dialog).findByRole("list", { name: "Would break" });
    expect(wouldBreak).toHaveTextContent("4S-MAINT-CAP: March 2027 would have 9 h 30 min of maintenance; the cap is 8 h");
    const check = backend.callsOf("maintenance_check").at(-1);
    expect(check?.args.draft).toEqual({
      id: null,
      starts_at: "2027-03-09T19:00:00Z",
      ends_at: "2027-03-10T00:30:00Z",
    });
    await user.click(within(dialog).getByRole("button", { name: "Schedule" }));
    const refused = await within(dialog).findByRole("list", { name: "Refused by the service" });
    expect(refused).toHaveTextContent("8 h 1 min");
    expect(backend.callsOf("maintenance_create")[0]?.args.window).toMatchObject({
      title: "Upgrade",
      starts_at: "2027-03-09T19:00:00Z",
    });
  });

  it("the scheduling dialog closes with Esc, schedules nothing, and gives focus back to its button", async () => {
    // Nothing is clicked inside first: jsdom fires no focusout for a removed element, and without
    // it the library returns focus only while it deems the keyboard in use, which a click ends.
    const { user, backend } = await openPanel({ state: { profile: demoProfile, session: operator() } });
    const opener = screen.getByRole("button", { name: "Schedule maintenance" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Schedule maintenance" });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(opener).toHaveFocus());
    expect(backend.callsOf("maintenance_create")).toHaveLength(0);
  });

  it("shows the service's complaint about a field at that field", async () => {
    const { user } = await openPanel({
      state: { profile: demoProfile, session: operator() },
      commands: {
        maintenance_check: () => ({ routine: true, occurrences: 1, violations: [] }),
        maintenance_create: () => {
          throw { kind: "invalid_input", message: "a title is needed", field: "title" };
        },
      },
    });
    await user.click(screen.getByRole("button", { name: "Schedule maintenance" }));
    const dialog = screen.getByRole("dialog", { name: "Schedule maintenance" });
    await user.type(within(dialog).getByLabelText("Title"), " ");
    fireEvent.change(within(dialog).getByLabelText("Starts (Helsinki time)"), { target: { value: "2027-03-09T21:00" } });
    fireEvent.change(within(dialog).getByLabelText("Ends (Helsinki time)"), { target: { value: "2027-03-09T23:00" } });
    await user.click(within(dialog).getByRole("button", { name: "Schedule" }));
    const title = within(dialog).getByLabelText("Title");
    await waitFor(() => expect(title).toHaveAccessibleDescription("a title is needed"));
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getAllByText("a title is needed")).toHaveLength(1);
  });

  it("lists upcoming windows in Helsinki time with the user's own time alongside where it differs", async () => {
    await openPanel({ commands: { maintenance_overview: () => kept({ ...overview, windows: series }, "2030-01-01T00:00:00Z") } });
    const [first] = within(screen.getByRole("list", { name: "Upcoming maintenance" })).getAllByRole("listitem");
    // The tests run in UTC: 21:00 Helsinki in March is 19:00 there.
    expect(first).toHaveTextContent("Mon, Mar 1, 2027, 9:00 PM · your time Mon, Mar 1, 2027, 7:00 PM Scheduled");
    expect(within(first as HTMLElement).getByText("Scheduled")).toHaveClass("fui-Badge");
  });

  it("exports the calendar and says where it went", async () => {
    const { user } = await openPanel({ commands: { maintenance_export: () => "/home/maija/Downloads/maintenance.ics" } });
    await user.click(screen.getByRole("button", { name: "Export to calendar (.ics)" }));
    expect(await screen.findByText("Saved to /home/maija/Downloads/maintenance.ics")).toBeInTheDocument();
  });

  it("says nothing was saved when the save dialog is cancelled", async () => {
    const { user } = await openPanel({ commands: { maintenance_export: () => null } });
    await user.click(screen.getByRole("button", { name: "Export to calendar (.ics)" }));
    await waitFor(() => expect(screen.queryByText(/^Saved to/)).not.toBeInTheDocument());
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says when the calendar comes from the cache", async () => {
    await openPanel({ commands: { maintenance_overview: () => kept(overview, "2030-01-01T00:00:00Z", true) } });
    // The note is a status message: read out when it appears, not taking focus.
    expect(screen.getByText(/^Offline, showing data as of/).closest("[role='status']")).not.toBeNull();
  });
});

const series: MaintenanceWindow[] = [1, 2, 3].map((i) => ({
  ...window,
  id: 20 + i,
  title: "Patch Tuesday",
  starts_at: `2027-0${2 + i}-0${i}T19:00:00Z`,
  ends_at: `2027-0${2 + i}-0${i}T21:00:00Z`,
  series_id: 21,
  recurrence: "FREQ=MONTHLY;BYDAY=2TU;COUNT=3",
}));

describe("recurring maintenance (4S-MAINT-WINDOW)", () => {
  it("builds the series' RRULE from the start, as a calendar offers it, and checks it live", async () => {
    const { user, backend } = await openPanel({
      state: { profile: demoProfile, session: operator() },
      commands: {
        maintenance_check: () => ({ routine: true, occurrences: 6, violations: [] }),
        maintenance_create: () => [window],
      },
    });
    await user.click(screen.getByRole("button", { name: "Schedule maintenance" }));
    const dialog = screen.getByRole("dialog", { name: "Schedule maintenance" });
    await user.type(within(dialog).getByLabelText("Title"), "Patch Tuesday");
    // The second Tuesday of March 2027, 21:00-23:00 Helsinki.
    fireEvent.change(within(dialog).getByLabelText("Starts (Helsinki time)"), { target: { value: "2027-03-09T21:00" } });
    fireEvent.change(within(dialog).getByLabelText("Ends (Helsinki time)"), { target: { value: "2027-03-09T23:00" } });
    const repeat = within(dialog).getByLabelText("Repeat");
    expect(within(repeat).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Does not repeat",
      "Every day",
      "Every week on Tuesday",
      "Every 2 weeks on Tuesday",
      "Every month on the second Tuesday",
      "Custom (RRULE)…",
    ]);
    await user.selectOptions(repeat, "monthly");
    expect(await within(dialog).findByText(/6 windows in the series/)).toBeInTheDocument();
    await waitFor(() =>
      expect(backend.callsOf("maintenance_check").at(-1)?.args.draft).toEqual({
        id: null,
        starts_at: "2027-03-09T19:00:00Z",
        ends_at: "2027-03-09T21:00:00Z",
        recurrence: "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
      }),
    );
    await user.click(within(dialog).getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(backend.callsOf("maintenance_create")).toHaveLength(1));
    expect(await screen.findByText("“Patch Tuesday” scheduled.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.callsOf("maintenance_create")[0]?.args.window).toMatchObject({
      title: "Patch Tuesday",
      recurrence: "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
    });
  });

  it("takes the last weekday of a month as 'last', and a custom RRULE as typed", async () => {
    const { user, backend } = await openPanel({
      state: { profile: demoProfile, session: operator() },
      commands: { maintenance_check: () => ({ routine: true, occurrences: 4, violations: [] }) },
    });
    await user.click(screen.getByRole("button", { name: "Schedule maintenance" }));
    const dialog = screen.getByRole("dialog", { name: "Schedule maintenance" });
    fireEvent.change(within(dialog).getByLabelText("Starts (Helsinki time)"), { target: { value: "2027-03-28T01:00" } });
    fireEvent.change(within(dialog).getByLabelText("Ends (Helsinki time)"), { target: { value: "2027-03-28T02:00" } });
    await user.selectOptions(within(dialog).getByLabelText("Repeat"), "monthly");
    await user.clear(within(dialog).getByLabelText("Number of windows"));
    await user.type(within(dialog).getByLabelText("Number of windows"), "4");
    await waitFor(() =>
      expect(backend.callsOf("maintenance_check").at(-1)?.args.draft).toMatchObject({ recurrence: "FREQ=MONTHLY;BYDAY=-1SU;COUNT=4" }),
    );
    await user.selectOptions(within(dialog).getByLabelText("Repeat"), "custom");
    await user.type(within(dialog).getByLabelText("Repeat (RRULE)"), "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4");
    await waitFor(() =>
      expect(backend.callsOf("maintenance_check").at(-1)?.args.draft).toMatchObject({ recurrence: "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4" }),
    );
  });

  it("edits one occurrence, or the series from it, checking the moved occurrences live", async () => {
    const { user, backend } = await openPanel({
      state: { profile: demoProfile, session: operator() },
      commands: {
        maintenance_overview: () => kept({ ...overview, windows: series }, "2030-01-01T00:00:00Z"),
        maintenance_check: () => ({ routine: true, occurrences: 2, violations: [] }),
        maintenance_update_series: () => series.slice(1),
      },
    });
    const list = screen.getByRole("list", { name: "Upcoming maintenance" });
    await user.click(within(list).getAllByRole("button", { name: "Patch Tuesday" })[1] as HTMLElement);
    const details = screen.getByRole("region", { name: "Patch Tuesday" });
    expect(within(details).getByText("FREQ=MONTHLY;BYDAY=2TU;COUNT=3")).toBeInTheDocument();
    await user.click(within(details).getByRole("button", { name: "Edit" }));
    const dialog = screen.getByRole("dialog", { name: "Edit maintenance" });
    expect(within(dialog).queryByLabelText("Repeat")).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText("This window only")).toBeChecked();
    await user.click(within(dialog).getByLabelText("This and the following windows"));
    await user.clear(within(dialog).getByLabelText("Title"));
    await user.type(within(dialog).getByLabelText("Title"), "Patch night");
    await waitFor(() => expect(backend.callsOf("maintenance_check").at(-1)?.args.draft).toMatchObject({ id: 22, scope: "following" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(backend.callsOf("maintenance_update_series")).toHaveLength(1));
    expect(await screen.findByText("“Patch night” changed in its series.")).toBeInTheDocument();
    expect(backend.callsOf("maintenance_update_series")[0]?.args).toMatchObject({
      id: 22,
      patch: { scope: "following", title: "Patch night", starts_at: series[1]?.starts_at, ends_at: series[1]?.ends_at },
    });
    expect(backend.callsOf("maintenance_update")).toHaveLength(0);
  });

  it.each([
    {
      action: "Cancel this and following",
      asked: "Cancel this and the following windows?",
      toast: "“Patch Tuesday”: this and the following windows cancelled.",
      command: "maintenance_cancel_series",
      args: { id: 21, scope: "following" },
    },
    {
      action: "Cancel the whole series",
      asked: "Cancel the whole series?",
      toast: "Series “Patch Tuesday” cancelled.",
      command: "maintenance_cancel_series",
      args: { id: 21, scope: "all" },
    },
    {
      action: "Cancel window",
      asked: "Cancel this maintenance window?",
      toast: "“Patch Tuesday” cancelled.",
      command: "maintenance_cancel",
      args: { id: 21 },
    },
  ] as const)("'$action' asks first, then cancels and says so", async ({ action, asked, toast, command, args }) => {
    const { user, backend } = await openPanel({
      state: { profile: demoProfile, session: operator() },
      commands: {
        maintenance_overview: () => kept({ ...overview, windows: series }, "2030-01-01T00:00:00Z"),
        maintenance_cancel_series: () => series,
        maintenance_cancel: () => series[0] as MaintenanceWindow,
      },
    });
    const list = screen.getByRole("list", { name: "Upcoming maintenance" });
    await user.click(within(list).getAllByRole("button", { name: "Patch Tuesday" })[0] as HTMLElement);
    const details = screen.getByRole("region", { name: "Patch Tuesday" });
    await user.click(within(details).getByRole("button", { name: action }));
    // The confirming button repeats the action's words.
    await user.click(answer(await question(asked), action));
    expect(await screen.findByText(toast)).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument();
    expect(backend.callsOf("maintenance_cancel").length + backend.callsOf("maintenance_cancel_series").length).toBe(1);
    expect(backend.callsOf(command).map((c) => c.args)).toEqual([args]);
  });

  it.each(["the Cancel button", "Esc"])("cancelling maintenance asks first: answered with %s, nothing is cancelled", async (reply) => {
    const { user, backend } = await openPanel({ state: { profile: demoProfile, session: operator() } });
    await user.click(within(screen.getByRole("list", { name: "Upcoming maintenance" })).getByRole("button", { name: "Search index rebuild" }));
    const details = screen.getByRole("region", { name: "Search index rebuild" });
    await user.click(within(details).getByRole("button", { name: "Cancel window" }));
    const ask = await question("Cancel this maintenance window?");
    expect(ask).toHaveTextContent("“Search index rebuild” is cancelled");
    if (reply === "Esc") await user.keyboard("{Escape}");
    else await user.click(answer(ask, "Cancel"));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument());
    expect(within(details).getByRole("button", { name: "Cancel window" })).toBeEnabled();
    expect(backend.callsOf("maintenance_cancel")).toHaveLength(0);
  });

  it("offers no series choices for a window outside a series", async () => {
    const { user } = await openPanel({ state: { profile: demoProfile, session: operator() } });
    await user.click(within(screen.getByRole("list", { name: "Upcoming maintenance" })).getByRole("button", { name: "Search index rebuild" }));
    const details = screen.getByRole("region", { name: "Search index rebuild" });
    expect(within(details).queryByRole("button", { name: "Cancel the whole series" })).not.toBeInTheDocument();
    await user.click(within(details).getByRole("button", { name: "Edit" }));
    expect(within(screen.getByRole("dialog", { name: "Edit maintenance" })).queryByLabelText("This window only")).not.toBeInTheDocument();
  });
});

describe("maintenance banner", () => {
  it("announces upcoming maintenance above every panel", async () => {
    await renderSignedIn({
      commands: {
        maintenance_announcements: () => [
          { kind: "maintenance", title: "Sign-in upgrade", message: "", at: "2030-03-05T08:00:00Z", ends_at: null },
        ],
      },
    });
    const banner = await screen.findByRole("note", { name: "Upcoming maintenance" });
    expect(banner).toHaveTextContent("Maintenance ahead: Sign-in upgrade");
    expect(banner).toHaveTextContent("(Helsinki time)");
  });
});
