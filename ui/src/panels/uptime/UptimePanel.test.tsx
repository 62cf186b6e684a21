import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it, vi } from "vitest";
import type { LatencyPoint, SessionView, UptimeView } from "../../bindings";
import type { ChartOption } from "../../shared/EChart";
import { BREACHED_MONTH, demoProfile, kept, sessionFor, UNVERIFIED_MONTH, uptimeView, UPTIME_AS_OF } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";

// jsdom lays nothing out, so ECharts would draw into a 0×0 box: the tests read the options
// the panel hands to the chart instead, which is the panel's side of that boundary.
const charts = vi.hoisted(() => new Map<string, ChartOption>());
vi.mock("../../shared/EChart", () => ({
  EChart: ({ option, label }: { option: ChartOption; label: string }) => {
    charts.set(label, option);
    return <div role="img" aria-label={label} />;
  },
}));

function operator() {
  return { ...sessionFor(demoProfile), assignments: [{ id: 9, role: "service_operator" as const, scope: { level: "platform" as const } }] };
}

/** `offline` and `as_of` say how the console answers: the copy kept in the cache, and its time. */
async function openUptime(view?: Partial<UptimeView> & { offline?: boolean; as_of?: string }, latency?: () => LatencyPoint[], asOperator = false, session?: SessionView) {
  charts.clear();
  const rendered = await renderSignedIn({
    ...((asOperator || session) && { state: { profile: demoProfile, session: session ?? operator() } }),
    commands: {
      ...(view && {
        uptime_view: (args) => {
          const { offline = false, as_of = UPTIME_AS_OF, ...rest } = view;
          return kept({ ...uptimeView(args.monitorId as number | null), ...rest }, as_of, offline);
        },
      }),
      ...(latency && { uptime_latency: latency }),
    },
  });
  await rendered.user.click(screen.getByRole("link", { name: "Uptime" }));
  await screen.findByRole("heading", { name: /This month against/ });
  return rendered;
}

// Intl and the translations keep numbers and units together with no-break spaces.
const text = (element: Element | undefined) => element?.textContent?.replace(/\s+/g, " ");

// Typing into a modal dialog takes seconds in jsdom on a loaded machine.
const TYPING_TIMEOUT = 60_000;

const thisMonth = () => screen.getByRole("region", { name: /^This month against 99\.8\s%$/ });

describe("uptime panel", () => {
  it("4S-SLA: shows this month's proven uptime against 99.8 % and the budget left after downtime and no data", async () => {
    const { backend } = await openUptime();
    expect(backend.callsOf("uptime_view")[0]?.args).toEqual({ monitorId: null });
    // 740,520 s proven up of 741,600 s measured is 99.854 %: cut, not rounded, to two decimals.
    expect(within(thisMonth()).getByTestId("uptime-figure")).toHaveTextContent("99.85 %");
    expect(within(thisMonth()).getByTestId("uptime-best")).toHaveTextContent("99.93 % if every second without data was up");
    // 0.2 % of the month's 975,600 s is 1,951.2 s; 480 s down and 600 s without data leave 871.2 s.
    expect(within(thisMonth()).getByTestId("uptime-budget")).toHaveTextContent("14 min left");
    expect(within(thisMonth()).getByText("8 min down and 10 min without data of 33 min allowed")).toBeInTheDocument();
    expect(within(thisMonth()).getByText("On track")).toBeInTheDocument();
    expect(within(thisMonth()).getByTestId("uptime-status-sentence")).toHaveTextContent(
      "On track: downtime and time without data so far (18 min) fit in this month's 33 min allowance.",
    );
    expect(within(thisMonth()).getByText(/^Measured Mon–Fri 07:00–20:00 Europe\/Helsinki \(the account.s business calendar\); announced maintenance is left out, business time without data counts against uptime/)).toBeInTheDocument();
    expect(within(thisMonth()).getByText("Maintenance, left out").closest("div")).toHaveTextContent("2 h");
    expect(within(thisMonth()).getByText("No data, counts against uptime").closest("div")).toHaveTextContent("10 min");
  });

  it("4S-SLA: a month over its budget reads as over budget and breached, never as a rounded-up 99.80 %", async () => {
    const [current, ...rest] = uptimeView(1).history;
    if (!current) throw new Error("the fake has a current month");
    // 99.795 % would round to 99.80 %, yet misses the target.
    const measured = 1_000_000;
    const down = 2_050;
    await openUptime({
      history: [
        {
          ...current,
          measured_s: measured,
          up_s: measured - down,
          down_s: down,
          unmonitored_s: 0,
          uptime_ratio: (measured - down) / measured,
          uptime_ratio_best: (measured - down) / measured,
          allowed_downtime_s: 2_000,
          status: "breached",
          compliant: false,
        },
        ...rest,
      ],
    });
    expect(within(thisMonth()).getByTestId("uptime-figure")).toHaveTextContent("99.79 %");
    expect(within(thisMonth()).getByTestId("uptime-budget")).toHaveTextContent("1 min over budget");
    expect(within(thisMonth()).getByText("Breached")).toBeInTheDocument();
    expect(within(thisMonth()).getByTestId("uptime-status-sentence")).toHaveTextContent(
      "Missed: even if every second without data had been up, uptime would be 99.79 %, below the 99.8 % target.",
    );
  });

  it("4S-SLA: a whole business day without data is unverified, never compliant, with its own badge and sentence", async () => {
    const [current, ...rest] = uptimeView(1).history;
    if (!current) throw new Error("the fake has a current month");
    const measured = 22 * 13 * 3_600;
    const day = 13 * 3_600;
    await openUptime({
      history: [
        {
          ...current,
          measured_s: measured,
          remaining_s: 0,
          up_s: measured - day,
          down_s: 0,
          unmonitored_s: day,
          uptime_ratio: (measured - day) / measured,
          uptime_ratio_best: 1,
          status: "unverified",
          compliant: null,
        },
        ...rest,
      ],
    });
    const badge = within(thisMonth()).getByText("Unverified");
    expect(badge).toHaveClass("status-badge--unverified");
    expect(badge).not.toHaveClass("status-badge--good");
    expect(within(thisMonth()).queryByText("Compliant")).not.toBeInTheDocument();
    expect(within(thisMonth()).getByTestId("uptime-status-sentence")).toHaveTextContent(
      "Not proven: 13 h of business time has no data, so uptime lies between 95.45 % and 100.00 %; time without data is not counted as up.",
    );
  });

  it("4S-SLA: each status has its own badge and sentence", async () => {
    const [current, ...rest] = uptimeView(1).history;
    if (!current) throw new Error("the fake has a current month");
    const expected = {
      compliant: ["status-badge--good", /^Proven: /],
      breached: ["status-badge--bad", /^Missed: /],
      unverified: ["status-badge--unverified", /^Not proven: /],
      on_track: ["status-badge--info", /^On track: /],
      at_risk: ["status-badge--warn", /^At risk: /],
    } as const;
    const classes = new Set<string>();
    for (const [status, [badgeClass, sentence]] of Object.entries(expected)) {
      await openUptime({ history: [{ ...current, status: status as keyof typeof expected }, ...rest] });
      const badge = within(thisMonth()).getByText((_, element) => element?.getAttribute("data-status") === status);
      expect(badge).toHaveClass(badgeClass);
      classes.add(badge.className);
      expect(within(thisMonth()).getByTestId("uptime-status-sentence").textContent).toMatch(sentence);
      cleanup();
    }
    expect(classes.size).toBe(5);
  }, 30_000);

  it("4S-SLA: marks the breached and the unverified months in the 12-month history", async () => {
    await openUptime();
    const table = screen.getByRole("table", { name: "SLA history, 12 months" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toHaveTextContent("November 2026 (in progress)");
    expect(within(rows[0] as HTMLElement).getByText("On track")).toBeInTheDocument();
    const breached = rows.filter((row) => row.classList.contains("row--breach"));
    expect(breached).toHaveLength(1);
    expect(breached[0]).toHaveTextContent(new Date(`${BREACHED_MONTH}-15`).toLocaleString("en", { month: "long", year: "numeric" }));
    expect(breached[0]).toHaveTextContent("99.70 %");
    expect(breached[0]).toHaveTextContent("50 min");
    expect(within(breached[0] as HTMLElement).getByText("Breached")).toBeInTheDocument();
    const unverified = rows.find((row) => row.textContent?.includes(new Date(`${UNVERIFIED_MONTH}-15`).toLocaleString("en", { month: "long", year: "numeric" })));
    // An hour without data: 99.62 % proven, 99.97 % at best.
    expect(unverified).toHaveTextContent("99.62 %");
    expect(unverified).toHaveTextContent("99.97 %");
    expect(within(unverified as HTMLElement).getByText("Unverified")).toBeInTheDocument();
    expect(within(table).getAllByText("Compliant", { selector: ".status-badge" })).toHaveLength(9);
  });

  it("4S-CRITICAL-FIX: lists incidents newest first with time to fix in business hours and whether it was fixed the same business day", async () => {
    await openUptime();
    const table = screen.getByRole("table", { name: "Incidents, last 90 days" });
    const [, newest, overWeekend] = within(table).getAllByRole("row");
    expect(newest).toHaveTextContent("Database failover after a disk alert.");
    const cells = within(overWeekend as HTMLElement).getAllByRole("cell");
    // Friday 19:40 to Monday 07:45 Helsinki: 2 days 12 h down, but 2 h 15 min of business time.
    expect(cells.map(text)).toEqual([
      "Oct 30, 2026, 5:40 PM (Helsinki Oct 30, 2026, 7:40 PM)",
      "Nov 2, 2026, 5:45 AM (Helsinki Nov 2, 2026, 7:45 AM)",
      "60 h 5 min",
      "2 h 15 min",
      "No",
      "—",
    ]);
  });

  it("sorts incidents by a column's header, saying which way in the header", async () => {
    const { user } = await openUptime();
    const table = screen.getByRole("table", { name: "Incidents, last 90 days" });
    const header = (name: string) => within(table).getByRole("columnheader", { name });
    const started = () => within(table).getAllByRole("row").slice(1).map((row) => row.querySelector("time")?.getAttribute("dateTime"));
    const incidents = uptimeView(1).incidents;
    const by = (key: (incident: (typeof incidents)[number]) => number | string, sign: number) =>
      [...incidents].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((incident) => incident.started_at);
    expect(header("Started")).toHaveAttribute("aria-sort", "descending");
    expect(started()).toEqual(by((incident) => incident.started_at, -1));
    await user.click(within(header("Duration")).getByRole("button"));
    expect(header("Duration")).toHaveAttribute("aria-sort", "ascending");
    expect(header("Started")).toHaveAttribute("aria-sort", "none");
    expect(started()).toEqual(by((incident) => incident.duration_s ?? Infinity, 1));
    await user.click(within(header("Duration")).getByRole("button"));
    expect(header("Duration")).toHaveAttribute("aria-sort", "descending");
    expect(started()).toEqual(by((incident) => incident.duration_s ?? Infinity, -1));
  });

  it("4S-CRITICAL-FIX: shows an incident still open as ongoing, without a time to fix", async () => {
    await openUptime({
      incidents: [
        { started_at: "2026-11-23T12:00:00Z", ended_at: null, duration_s: null, time_to_fix_business_s: null, fixed_same_business_day: null, note: null },
      ],
    });
    const row = within(screen.getByRole("table", { name: "Incidents, last 90 days" })).getAllByRole("row")[1] as HTMLElement;
    expect(within(row).getAllByRole("cell").map(text)).toEqual([
      "Nov 23, 2026, 12:00 PM (Helsinki Nov 23, 2026, 2:00 PM)",
      "Ongoing",
      "—",
      "—",
      "—",
      "—",
    ]);
  });

  it("shows times by the one rule: the user's own time, Helsinki time beside it", async () => {
    await openUptime();
    // The tests run in UTC (vite.config.ts), two hours behind Helsinki in November.
    const start = screen.getByText("Nov 20, 2026, 8:05 AM").closest("time");
    expect(start).toHaveAttribute("dateTime", "2026-11-20T08:05:00Z");
    expect(start?.textContent?.replace(/\s+/g, " ")).toBe("Nov 20, 2026, 8:05 AM (Helsinki Nov 20, 2026, 10:05 AM)");
  });

  it("4S-HOST: shows the region the service runs in", async () => {
    await openUptime({ region: "eu-west (Ireland)" });
    expect(screen.getByText("Service region: eu-west (Ireland)")).toBeInTheDocument();
  });

  it("shows the cached copy with a clear offline banner and the response times last fetched", async () => {
    const { backend } = await openUptime({ offline: true, as_of: "2026-11-22T16:30:00Z" });
    expect(screen.getByText(/Offline, showing data as of/)).toHaveTextContent(
      "Offline, showing data as of Nov 22, 2026, 4:30 PM (Helsinki Nov 22, 2026, 6:30 PM).",
    );
    expect(await screen.findByRole("img", { name: /Response time chart/ })).toBeInTheDocument();
    expect(screen.getByText("Offline: the response times last fetched.")).toBeInTheDocument();
    expect(backend.callsOf("uptime_latency")[0]?.args).toMatchObject({ to: "2026-11-22T16:30:00.000Z" });
  });

  it("says so when no response times were cached before going offline", async () => {
    await openUptime({ offline: true }, () => {
      throw { kind: "offline", message: "The service cannot be reached." };
    });
    expect(await screen.findByText(/Response times are not in the cache yet/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("has no offline banner when online", async () => {
    await openUptime();
    expect(screen.queryByText(/Offline, showing data as of/)).not.toBeInTheDocument();
  });

  it("loads the last 7 days of response times before the view's time into a zoomable line chart", async () => {
    const { backend } = await openUptime();
    const chart = await screen.findByRole("img", { name: /Response time chart/ });
    expect(chart).toBeInTheDocument();
    expect(backend.callsOf("uptime_latency")[0]?.args).toEqual({
      monitorId: 1,
      from: "2026-11-16T13:25:00.000Z",
      to: new Date(UPTIME_AS_OF).toISOString(),
    });
    const option = charts.get(chart.getAttribute("aria-label") ?? "");
    const zoom = option?.dataZoom as { type: string }[];
    expect(zoom.map((z) => z.type)).toEqual(["inside", "slider"]);
    const series = option?.series as { type: string; name: string; data: [number, number][] }[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ["line", "Average"],
      ["line", "Slowest"],
    ]);
    expect(series[0]?.data).toHaveLength(7 * 24);
  });

  it("says why response times are missing when the service refuses them", async () => {
    await openUptime(undefined, () => {
      throw { kind: "forbidden", message: "Only Service Operators see response times." };
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Only Service Operators see response times.");
  });

  it("draws 90 daily bars coloured by state with a legend and a tooltip per day", async () => {
    await openUptime();
    const option = charts.get("Daily status for the last 90 days");
    const [bars] = option?.series as { data: unknown[] }[];
    expect(bars?.data).toHaveLength(90);
    const legend = screen.getByRole("list", { name: "Legend" });
    expect(within(legend).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Up (84)",
      "Degraded (3)",
      "Down (1)",
      "No data (1)",
      "Maintenance (1)",
    ]);
    const tooltip = (option?.tooltip as { formatter: (params: unknown) => string }).formatter;
    // 79 days before the last one: the fake's day down for 40 minutes.
    expect(tooltip({ dataIndex: 10 }).replace(/\s+/g, " ")).toBe(
      "<strong>Sat, Sep 5, 2026</strong><br/>Down<br/>Up: 23 h 20 min<br/>Down: 40 min<br/>Average response: 188 ms",
    );
    expect(tooltip({ dataIndex: 52 })).toContain("No data");
    // The no-data day wears the no-data colour, not the up one.
    const shown = (bars?.data as { name: string }[]).map((bar) => bar.name);
    expect([shown[0], shown[52]]).toEqual(["up", "no_data"]);
  });

  it("4S-SLA: a day with business time no evidence covers is never green, whatever its state says", async () => {
    const days = uptimeView(1).daily.map((day, i) => (i === 40 ? { ...day, state: "up" as const, unmonitored_s: 1_800 } : day));
    await openUptime({ daily: days });
    const option = charts.get("Daily status for the last 90 days");
    const [bars] = option?.series as { data: { name: string; itemStyle: { color: string } }[] }[];
    expect(bars?.data[40]?.name).toBe("no_data");
    expect(bars?.data[40]?.itemStyle.color).toBe(bars?.data[52]?.itemStyle.color);
    const tooltip = (option?.tooltip as { formatter: (params: unknown) => string }).formatter;
    expect(tooltip({ dataIndex: 40 }).replace(/\s+/g, " ")).toContain("No data<br/>Up:");
    expect(tooltip({ dataIndex: 40 }).replace(/\s+/g, " ")).toContain("No data: 30 min");
    const legend = screen.getByRole("list", { name: "Legend" });
    expect(within(legend).getByText("No data (2)")).toBeInTheDocument();
  });

  it("offers a monitor picker and shows the chosen monitor", async () => {
    const { user, backend } = await openUptime();
    const picker = screen.getByLabelText("Monitor");
    expect(picker).toHaveValue("1");
    await user.selectOptions(picker, "Status page (push)");
    await screen.findByText("No incidents in the last 90 days.");
    expect(backend.callsOf("uptime_view").at(-1)?.args).toEqual({ monitorId: 2 });
    expect(screen.getByLabelText("Monitor")).toHaveValue("2");
  });

  it("has no monitor picker with a single monitor", async () => {
    const [only] = uptimeView(1).monitors;
    await openUptime({ monitors: only ? [only] : [] });
    expect(screen.queryByLabelText("Monitor")).not.toBeInTheDocument();
  });

  it("4S-SLA: explains the account's own business calendar, not a fixed Mon–Fri 07–20", async () => {
    const [current, ...rest] = uptimeView(1).history;
    if (!current) throw new Error("the fake has a current month");
    await openUptime({
      history: [
        { ...current, business_days: [1, 2, 3, 4, 5, 6], business_opens: "08:00", business_closes: "18:00", time_zone: "Europe/Stockholm" },
        ...rest,
      ],
    });
    expect(within(thisMonth()).getByText(/^Measured/)).toHaveTextContent(
      "Measured Mon–Sat 08:00–18:00 Europe/Stockholm (the account's business calendar)",
    );
    expect(
      screen.getByText("Days are counted in Europe/Stockholm; times are yours, with Helsinki time beside them where it differs."),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Whole days in Europe\/Stockholm time/)).toBeInTheDocument();
  });

  it("4S-SLA: names split business weeks by their runs", async () => {
    const [current, ...rest] = uptimeView(1).history;
    if (!current) throw new Error("the fake has a current month");
    await openUptime({ history: [{ ...current, business_days: [1, 3, 4, 7] }, ...rest] });
    expect(within(thisMonth()).getByText(/^Measured/)).toHaveTextContent("Measured Mon, Wed, Thu, Sun 07:00–20:00");
  });

  it("4S-SLA: a maintenance day says how much maintenance it had in its tooltip", async () => {
    await openUptime();
    const option = charts.get("Daily status for the last 90 days");
    const tooltip = (option?.tooltip as { formatter: (params: unknown) => string }).formatter;
    // 66 days before the last: the fake's maintenance day.
    expect(tooltip({ dataIndex: 23 }).replace(/\s+/g, " ")).toContain("Maintenance<br/>Up: 22 h<br/>Down: 0 min<br/>Maintenance: 2 h");
  });

  it("4S-SLA: an operator changes the account's business calendar from next month on; this month keeps its own", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const card = screen.getByRole("region", { name: "Business calendar" });
    expect(within(card).getByText(/A change takes effect at the start of next month/)).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Change business calendar" }));
    const dialog = screen.getByRole("dialog", { name: "Business calendar" });
    await user.click(within(dialog).getByLabelText("Sat"));
    fireEvent.change(within(dialog).getByLabelText("Opens"), { target: { value: "21:00" } });
    await user.click(within(dialog).getByRole("button", { name: "Save calendar" }));
    // The service names the closing time: its complaint is shown there, not under the form.
    const closes = within(dialog).getByLabelText("Closes");
    await waitFor(() => expect(closes).toHaveAccessibleDescription("business hours close after they open"));
    expect(closes).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(within(dialog).getByLabelText("Opens"), { target: { value: "08:00" } });
    await user.click(within(dialog).getByRole("button", { name: "Save calendar" }));
    expect(await screen.findByText("Saved: the new calendar applies from next month.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Business calendar" })).not.toBeInTheDocument());
    expect(within(thisMonth()).getByText(/^Measured/)).toHaveTextContent("Measured Mon–Fri 07:00–20:00 Europe/Helsinki");
    expect(backend.callsOf("uptime_save_business_calendar").at(-1)?.args).toEqual({
      accountId: 3,
      calendar: { time_zone: "Europe/Helsinki", days: [1, 2, 3, 4, 5, 6], opens: "08:00", closes: "20:00" },
    });
  });

  it("4S-SLA: the calendar dialog closes with Esc, saves nothing and gives focus back to its button", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const change = within(screen.getByRole("region", { name: "Business calendar" })).getByRole("button", { name: "Change business calendar" });
    await user.click(change);
    const dialog = screen.getByRole("dialog", { name: "Business calendar" });
    await user.click(within(dialog).getByLabelText("Sat"));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Business calendar" })).not.toBeInTheDocument());
    await waitFor(() => expect(change).toHaveFocus());
    expect(backend.callsOf("uptime_save_business_calendar")).toHaveLength(0);
  });

  it("4S-SLA: offers the business calendar only to Service Operators, not to Account Managers", async () => {
    await openUptime();
    expect(screen.queryByRole("region", { name: "Business calendar" })).not.toBeInTheDocument();
    await openUptime(undefined, undefined, false, {
      ...sessionFor(demoProfile),
      assignments: [{ id: 5, role: "viewer", scope: { level: "channel", id: 31 } }],
    });
    expect(screen.queryByRole("region", { name: "Business calendar" })).not.toBeInTheDocument();
  });

  it("4S-SLA: shows an Account Manager every calendar version, from which month it applies, who changed it and when", async () => {
    charts.clear();
    const { backend, user } = await renderSignedIn({
      commands: {
        uptime_business_calendar: () => ({
          in_force: { time_zone: "Europe/Helsinki", days: [1, 2, 3, 4, 5], opens: "08:00", closes: "18:00" },
          month: "2026-11",
          next_change_from: "2026-12",
          versions: [
            {
              effective_from: "2026-12",
              calendar: { time_zone: "Europe/Stockholm", days: [1, 2, 3, 4, 5, 6], opens: "08:00", closes: "16:00" },
              changed_by: "olli.operator",
              changed_at: "2026-11-20T09:30:00Z",
            },
            {
              effective_from: "2026-03",
              calendar: { time_zone: "Europe/Helsinki", days: [1, 2, 3, 4, 5], opens: "08:00", closes: "18:00" },
              changed_by: "olli.operator",
              changed_at: "2026-02-10T12:00:00Z",
            },
            {
              effective_from: "0001-01",
              calendar: { time_zone: "Europe/Helsinki", days: [1, 2, 3, 4, 5], opens: "07:00", closes: "20:00" },
              changed_by: null,
              changed_at: null,
            },
          ],
        }),
      },
    });
    await user.click(screen.getByRole("link", { name: "Uptime" }));
    const table = await screen.findByRole("table", { name: "Business calendar versions" });
    expect(backend.callsOf("uptime_business_calendar")[0]?.args).toEqual({ accountId: 3 });
    const rows = within(table).getAllByRole("row").slice(1).map((row) => text(row));
    expect(rows).toEqual([
      "December 2026 (coming)Mon–Sat 08:00–16:00 Europe/Stockholmolli.operatorNov 20, 2026, 9:30 AM (Helsinki Nov 20, 2026, 11:30 AM)",
      "March 2026Mon–Fri 08:00–18:00 Europe/Helsinkiolli.operatorFeb 10, 2026, 12:00 PM (Helsinki Feb 10, 2026, 2:00 PM)",
      "From the startMon–Fri 07:00–20:00 Europe/HelsinkiNot recordedNot recorded",
    ]);
    // Seeing the versions is not changing them: the form stays the operators'.
    expect(screen.queryByRole("region", { name: "Business calendar" })).not.toBeInTheDocument();
  });

  it("4S-SLA: a calendar no one changed says it is the clause's; an operator's change is listed with their name", async () => {
    const { user } = await openUptime(undefined, undefined, true);
    const versions = screen.getByRole("region", { name: "Business calendar versions" });
    expect(
      await within(versions).findByText("No one has changed the calendar: the account is measured in the clause's calendar, Mon–Fri 07:00–20:00 Europe/Helsinki."),
    ).toBeInTheDocument();
    const card = screen.getByRole("region", { name: "Business calendar" });
    await user.click(within(card).getByRole("button", { name: "Change business calendar" }));
    const dialog = screen.getByRole("dialog", { name: "Business calendar" });
    await user.click(within(dialog).getByLabelText("Sat"));
    await user.click(within(dialog).getByRole("button", { name: "Save calendar" }));
    const table = await within(versions).findByRole("table", { name: "Business calendar versions" });
    const [row] = within(table).getAllByRole("row").slice(1);
    expect(text(row)).toBe("December 2026 (coming)Mon–Sat 07:00–20:00 Europe/Helsinkimaria.managerNov 23, 2026, 1:25 PM (Helsinki Nov 23, 2026, 3:25 PM)");
  });

  it("hides monitor management and incident notes from non-operators", async () => {
    await openUptime();
    expect(screen.queryByRole("region", { name: "Monitors" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add monitor" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Add note|Edit note/ })).not.toBeInTheDocument();
  });

  it("lets an operator add an HTTP monitor, showing the service's refusal at the field first", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const monitors = screen.getByRole("region", { name: "Monitors" });
    await user.click(within(monitors).getByRole("button", { name: "Add monitor" }));
    const dialog = screen.getByRole("dialog", { name: "New monitor" });
    await user.type(within(dialog).getByLabelText("Name"), "Web shop");
    await user.type(within(dialog).getByLabelText("Target address"), "https://shop.example/health");
    const interval = within(dialog).getByLabelText("Interval (seconds)");
    await user.clear(interval);
    await user.type(interval, "5");
    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    expect(await within(dialog).findByText("interval_s must be between 10 and 86400 seconds")).toBeInTheDocument();
    expect(interval).toHaveAccessibleDescription(expect.stringContaining("interval_s must be between 10 and 86400 seconds"));
    expect(interval).toHaveAttribute("aria-invalid", "true");
    await user.clear(interval);
    await user.type(interval, "120");
    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    expect(await within(monitors).findByRole("cell", { name: "Web shop" })).toBeInTheDocument();
    expect(backend.callsOf("uptime_create_monitor").at(-1)?.args).toEqual({
      new: { name: "Web shop", kind: "http", target: "https://shop.example/health", interval_s: 120 },
    });
    expect(await screen.findByText("Monitor Web shop added.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "New monitor" })).not.toBeInTheDocument());
  }, TYPING_TIMEOUT);

  it("closes the monitor dialog with Esc, adds nothing and gives focus back to the button that opened it", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const add = within(screen.getByRole("region", { name: "Monitors" })).getByRole("button", { name: "Add monitor" });
    await user.click(add);
    await user.type(within(screen.getByRole("dialog", { name: "New monitor" })).getByLabelText("Name"), "Web shop");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "New monitor" })).not.toBeInTheDocument());
    await waitFor(() => expect(add).toHaveFocus());
    expect(backend.callsOf("uptime_create_monitor")).toHaveLength(0);
  });

  it("lets an operator add a push monitor, which has no target", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    await user.click(screen.getByRole("button", { name: "Add monitor" }));
    const dialog = screen.getByRole("dialog", { name: "New monitor" });
    await user.type(within(dialog).getByLabelText("Name"), "Edge");
    await user.click(within(dialog).getByLabelText("Push"));
    expect(within(dialog).queryByLabelText("Target address")).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(backend.callsOf("uptime_create_monitor")).toHaveLength(1));
    expect(backend.callsOf("uptime_create_monitor")[0]?.args).toEqual({ new: { name: "Edge", kind: "push", target: null, interval_s: 60, grace_s: 60 } });
  }, TYPING_TIMEOUT);

  it("4S-SLA: lets an operator set a push monitor's grace on creation and edit, showing the service's refusal at the field", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const monitors = screen.getByRole("region", { name: "Monitors" });
    await user.click(within(monitors).getByRole("button", { name: "Add monitor" }));
    const dialog = screen.getByRole("dialog", { name: "New monitor" });
    // HTTP monitors are probed: a grace is for heartbeats only.
    expect(within(dialog).queryByLabelText("Grace (seconds)")).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Name"), "Edge");
    await user.click(within(dialog).getByLabelText("Push"));
    const grace = within(dialog).getByLabelText("Grace (seconds)");
    expect(grace).toHaveValue(60);
    await user.clear(grace);
    await user.type(grace, "300");
    await user.click(within(dialog).getByRole("button", { name: "Add" }));
    expect(await within(monitors).findByRole("cell", { name: "Edge" })).toBeInTheDocument();
    expect(backend.callsOf("uptime_create_monitor").at(-1)?.args).toEqual({
      new: { name: "Edge", kind: "push", target: null, interval_s: 60, grace_s: 300 },
    });
    const row = within(monitors).getByRole("cell", { name: "Edge" }).closest("tr") as HTMLElement;
    expect(text(row)).toContain("60 s + 300 s grace");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "New monitor" })).not.toBeInTheDocument());

    await user.click(within(monitors).getByRole("button", { name: "Edit Edge" }));
    const edit = screen.getByRole("dialog", { name: "Edit Edge" });
    const editGrace = within(edit).getByLabelText("Grace (seconds)");
    expect(editGrace).toHaveValue(300);
    await user.clear(editGrace);
    await user.type(editGrace, "90000");
    await user.click(within(edit).getByRole("button", { name: "Save" }));
    expect(await within(edit).findByText("grace_s must be between 0 and 86400 seconds")).toBeInTheDocument();
    expect(editGrace).toHaveAttribute("aria-invalid", "true");
    await user.clear(editGrace);
    await user.type(editGrace, "120");
    await user.click(within(edit).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(text(within(monitors).getByRole("cell", { name: "Edge" }).closest("tr") as HTMLElement)).toContain("60 s + 120 s grace"));
    expect(backend.callsOf("uptime_update_monitor").at(-1)?.args).toEqual({
      monitorId: 3,
      patch: { name: "Edge", interval_s: 60, grace_s: 120 },
    });
    expect(await screen.findByText("Monitor Edge saved.")).toBeInTheDocument();
  }, TYPING_TIMEOUT);

  it("lets an operator rename, pause and resume monitors, each announced when done", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const monitors = screen.getByRole("region", { name: "Monitors" });
    await user.click(within(monitors).getByRole("button", { name: "Edit Status page (push)" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Status page (push)" });
    await user.clear(within(dialog).getByLabelText("Name"));
    await user.type(within(dialog).getByLabelText("Name"), "Status page");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(monitors).findByRole("cell", { name: "Status page" })).toBeInTheDocument();
    expect(backend.callsOf("uptime_update_monitor")[0]?.args).toEqual({ monitorId: 2, patch: { name: "Status page", interval_s: 60, grace_s: 60 } });
    expect(await screen.findByText("Status page (push) renamed to Status page.")).toBeInTheDocument();

    // Pausing leaves the monitor's business time without data: it asks first.
    await user.click(within(monitors).getByRole("button", { name: "Pause Status page" }));
    const asked = screen.getByRole("alertdialog", { name: "Pause Status page?" });
    expect(asked).toHaveTextContent("its business time has no data, which counts against uptime");
    await user.click(within(asked).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(backend.callsOf("uptime_update_monitor")).toHaveLength(1);

    await user.click(within(monitors).getByRole("button", { name: "Pause Status page" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Pause Status page?" })).getByRole("button", { name: "Pause" }));
    expect(await within(monitors).findByRole("button", { name: "Resume Status page" })).toBeInTheDocument();
    expect(backend.callsOf("uptime_update_monitor").at(-1)?.args).toEqual({ monitorId: 2, patch: { paused: true } });
    expect(await screen.findByText("Status page paused.")).toBeInTheDocument();

    // Resuming only brings the checks back: it does not ask.
    await user.click(within(monitors).getByRole("button", { name: "Resume Status page" }));
    expect(await within(monitors).findByRole("button", { name: "Pause Status page" })).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(backend.callsOf("uptime_update_monitor").at(-1)?.args).toEqual({ monitorId: 2, patch: { paused: false } });
    expect(await screen.findByText("Status page resumed.")).toBeInTheDocument();
  }, TYPING_TIMEOUT);

  it("asks before deleting a monitor: cancel keeps it, confirm deletes it; the built-in one's refusal is shown", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const monitors = screen.getByRole("region", { name: "Monitors" });
    await user.click(within(monitors).getByRole("button", { name: "Delete Status page (push)" }));
    const asked = screen.getByRole("alertdialog", { name: "Delete Status page (push)?" });
    expect(asked).toHaveTextContent("Status page (push) and all its samples will be deleted. This cannot be undone.");
    await user.click(within(asked).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(backend.callsOf("uptime_delete_monitor")).toHaveLength(0);
    expect(within(monitors).getByRole("cell", { name: "Status page (push)" })).toBeInTheDocument();

    await user.click(within(monitors).getByRole("button", { name: "Delete Service health" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Delete Service health?" })).getByRole("button", { name: "Delete" }));
    expect(await within(monitors).findByRole("alert")).toHaveTextContent("cannot be deleted; pause it");

    await user.click(within(monitors).getByRole("button", { name: "Delete Status page (push)" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Delete Status page (push)?" })).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(within(monitors).queryByRole("cell", { name: "Status page (push)" })).not.toBeInTheDocument());
    expect(backend.callsOf("uptime_delete_monitor").at(-1)?.args).toEqual({ monitorId: 2 });
    expect(await screen.findByText("Status page (push) deleted.")).toBeInTheDocument();
    expect(within(monitors).queryByRole("alert")).not.toBeInTheDocument();
  }, TYPING_TIMEOUT);

  it("4S-CRITICAL-FIX: lets an operator annotate an incident, and the note shows in the list", async () => {
    const { user, backend } = await openUptime(undefined, undefined, true);
    const table = screen.getByRole("table", { name: "Incidents, last 90 days" });
    const overWeekend = within(table).getAllByRole("row")[2] as HTMLElement;
    await user.click(within(overWeekend).getByRole("button", { name: "Add note" }));
    await user.type(within(overWeekend).getByLabelText("Note for operators and managers"), "Storage array firmware bug.");
    await user.click(within(overWeekend).getByRole("button", { name: "Save note" }));
    expect(await within(overWeekend).findByText("Storage array firmware bug.")).toBeInTheDocument();
    expect(backend.callsOf("uptime_annotate_incident")[0]?.args).toEqual({
      monitorId: 1,
      startedAt: "2026-10-30T17:40:00Z",
      note: "Storage array firmware bug.",
    });
  });

  it("keeps the offline copy read-only for operators", async () => {
    await openUptime({ offline: true }, undefined, true);
    expect(screen.queryByRole("region", { name: "Monitors" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Add note|Edit note/ })).not.toBeInTheDocument();
  });

  it("reads in Finnish", async () => {
    const { user } = await openUptime();
    await user.click(screen.getByRole("link", { name: "Settings" }));
    await user.selectOptions(await screen.findByLabelText("App language"), "fi");
    await user.click(await screen.findByRole("link", { name: "Käytettävyys" }));
    expect(await screen.findByTestId("uptime-figure")).toHaveTextContent("99,85 %");
    expect(screen.getAllByText("Tavoitteessa", { selector: ".status-badge" }).length).toBeGreaterThan(0);
    expect(screen.getByText("Palvelun alue: eu-north")).toBeInTheDocument();
  });
  it("issue 20: saves a month's compliance pack through the save dialog with a progress bar", async () => {
    let finish: (path: string | null) => void = () => {};
    const { user, backend } = await renderSignedIn({
      commands: {
        uptime_view: (args) => kept(uptimeView(args.monitorId as number | null), UPTIME_AS_OF, false),
        uptime_save_compliance_pack: async () => {
          await emit("pack-progress", { step: 1, steps: 3, done: false });
          return new Promise<string | null>((resolve) => (finish = resolve));
        },
      },
    });
    await user.click(screen.getByRole("link", { name: "Uptime" }));
    const card = await screen.findByRole("region", { name: "Monthly compliance pack" });
    // The month in progress is newest; the last full month is offered first.
    expect(within(card).getByLabelText("Month")).toHaveValue("2026-10");
    await user.click(within(card).getByRole("button", { name: "Save PDF" }));
    expect(await within(card).findByText("Making the pack: step 1 of 3")).toBeInTheDocument();
    expect(backend.callsOf("uptime_save_compliance_pack")[0]?.args).toEqual({ month: "2026-10", format: "pdf" });
    finish("/home/maija/Documents/compliance-pack.pdf");
    expect(await screen.findByText("Compliance pack saved to /home/maija/Documents/compliance-pack.pdf")).toBeInTheDocument();

    await user.selectOptions(within(card).getByLabelText("Month"), "2026-09");
    await user.click(within(card).getByRole("button", { name: "Save CSV (ZIP)" }));
    await waitFor(() => expect(backend.callsOf("uptime_save_compliance_pack")[1]?.args).toEqual({ month: "2026-09", format: "csv_zip" }));
    // Cancelled: nothing was saved, and nothing says so.
    finish(null);
    await waitFor(() => expect(within(card).getByRole("button", { name: "Save CSV (ZIP)" })).toBeEnabled());
    expect(screen.getAllByText(/^Compliance pack saved to/)).toHaveLength(1);
  });
});
