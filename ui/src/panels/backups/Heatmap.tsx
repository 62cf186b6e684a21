import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { BackupDay, BackupDayState } from "../../bindings";
import { useChartTheme, type ChartTheme } from "../../shared/chartTheme";
import { EChart, type ChartOption } from "../../shared/EChart";

/** In legend order; a day's place here is its value in the chart's data. */
export const BACKUP_DAY_STATES: BackupDayState[] = ["verified", "backed_up", "failed", "missed", "pending", "no_record"];

const COLOUR: Record<BackupDayState, keyof ChartTheme> = {
  verified: "up",
  backed_up: "backedUp",
  failed: "down",
  missed: "degraded",
  pending: "noData",
  no_record: "noData",
};

// The service's own words (a failed drill's reason) go into tooltip HTML.
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function weekdayNames(language: string): string[] {
  // 2024-01-07 was a Sunday, which ECharts' nameMap starts from.
  const format = new Intl.DateTimeFormat(language, { weekday: "short", timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 7 + i))));
}

function monthNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { month: "short", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2024, i, 15))));
}

export function Heatmap({ days }: { days: BackupDay[] }) {
  const { t, i18n } = useTranslation();
  const theme = useChartTheme();
  const stateName = (state: BackupDayState) => t(`backups.state.${state}`);

  const option = useMemo<ChartOption>(() => {
    const name = (state: BackupDayState) => t(`backups.state.${state}`);
    const byDate = new Map(days.map((day) => [day.date, day]));
    const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
    const tooltip = (day: BackupDay) =>
      [
        `<strong>${escape(dateFormat.format(new Date(`${day.date}T12:00:00Z`)))}</strong>`,
        escape(name(day.state)),
        ...(day.reason ? [escape(day.reason)] : []),
      ].join("<br/>");
    return {
      animation: false,
      textStyle: { fontFamily: theme.font },
      tooltip: {
        trigger: "item",
        backgroundColor: theme.surface,
        borderColor: theme.border,
        textStyle: { color: theme.text },
        formatter: (params: unknown) => {
          const [date] = (params as { data: [string, number] }).data;
          const day = byDate.get(date);
          return day ? tooltip(day) : "";
        },
      },
      visualMap: {
        type: "piecewise",
        show: false,
        dimension: 1,
        pieces: BACKUP_DAY_STATES.map((state, value) => ({ value, color: theme[COLOUR[state]] })),
      },
      calendar: {
        range: [days[0]?.date ?? "", days[days.length - 1]?.date ?? ""],
        orient: "horizontal",
        top: 24,
        left: 44,
        right: 8,
        bottom: 4,
        cellSize: ["auto", 18],
        splitLine: { show: false },
        itemStyle: { borderColor: theme.surface, borderWidth: 3, color: theme.surface },
        dayLabel: { firstDay: 1, nameMap: weekdayNames(i18n.language), color: theme.muted, fontSize: 11 },
        monthLabel: { nameMap: monthNames(i18n.language), color: theme.muted, fontSize: 11 },
        yearLabel: { show: false },
      },
      series: [
        {
          type: "heatmap",
          coordinateSystem: "calendar",
          data: days.map((day) => [day.date, BACKUP_DAY_STATES.indexOf(day.state)]),
          itemStyle: { borderRadius: 3 },
          emphasis: { itemStyle: { opacity: 0.75 } },
        },
      ],
    };
  }, [days, theme, t, i18n.language]);

  // Tonight and the days before the first backup are not outcomes: listed only while on the chart.
  const counts = BACKUP_DAY_STATES.map((state) => ({ state, count: days.filter((day) => day.state === state).length })).filter(
    ({ state, count }) => count > 0 || (state !== "pending" && state !== "no_record"),
  );
  return (
    <section className="card" aria-labelledby="backups-days-title">
      <h2 id="backups-days-title" className="card__title">
        {t("backups.daysTitle", { days: days.length })}
      </h2>
      <EChart option={option} label={t("backups.daysChart", { days: days.length })} height={190} />
      <ul className="chart-legend" aria-label={t("backups.legend")}>
        {counts.map(({ state, count }) => (
          <li key={state}>
            <span className={`swatch swatch--backup-${state}`} aria-hidden="true" />
            {t("backups.legendItem", { state: stateName(state), n: count })}
          </li>
        ))}
      </ul>
      <p className="legend-note">{t("backups.daysNote")}</p>
    </section>
  );
}
