import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { DayBar, DayState } from "../../bindings";
import { useChartTheme, type ChartTheme } from "../../shared/chartTheme";
import { EChart, type ChartOption } from "../../shared/EChart";
import type { UptimeFormat } from "./format";

export const DAY_STATES: DayState[] = ["up", "degraded", "down", "no_data", "maintenance"];

const COLOUR: Record<DayState, keyof ChartTheme> = {
  up: "up",
  degraded: "degraded",
  down: "down",
  no_data: "noData",
  maintenance: "maintenance",
};

/** A day with business time no evidence covers is never shown as up, whatever it says. */
export function shownState(day: DayBar): DayState {
  return day.state === "up" && day.unmonitored_s > 0 ? "no_data" : day.state;
}

export function DailyBars({ days, format, timeZone }: { days: DayBar[]; format: UptimeFormat; timeZone: string }) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const stateName = (state: DayState) => t(`uptime.state.${state}`);

  const option = useMemo<ChartOption>(() => {
    // Built from our own strings and numbers only, so it is safe as tooltip HTML.
    const tooltip = (day: DayBar) =>
      [
        `<strong>${format.date(day.date)}</strong>`,
        stateName(shownState(day)),
        `${t("uptime.up")}: ${format.duration(day.up_s)}`,
        `${t("uptime.down")}: ${format.duration(day.down_s)}`,
        ...(day.unmonitored_s > 0 ? [`${t("uptime.noDataTooltip")}: ${format.duration(day.unmonitored_s)}`] : []),
        ...(day.maintenance_s > 0 ? [`${t("uptime.state.maintenance")}: ${format.duration(day.maintenance_s)}`] : []),
        `${t("uptime.avgLatency")}: ${day.avg_latency_ms === null ? t("uptime.none") : format.milliseconds(day.avg_latency_ms)}`,
      ].join("<br/>");
    return {
      animation: false,
      textStyle: { fontFamily: theme.font },
      grid: { left: 0, right: 0, top: 4, bottom: 4 },
      xAxis: { type: "category", data: days.map((day) => day.date), show: false },
      yAxis: { type: "value", show: false, max: 1 },
      tooltip: {
        trigger: "item",
        backgroundColor: theme.surface,
        borderColor: theme.border,
        textStyle: { color: theme.text },
        formatter: (params: unknown) => {
          const day = days[(params as { dataIndex: number }).dataIndex];
          return day ? tooltip(day) : "";
        },
      },
      series: [
        {
          type: "bar",
          barCategoryGap: "30%",
          // The state named on each bar is the one its colour shows.
          data: days.map((day) => ({ value: 1, name: shownState(day), itemStyle: { color: theme[COLOUR[shownState(day)]], borderRadius: 2 } })),
          emphasis: { itemStyle: { opacity: 0.75 } },
        },
      ],
    };
    // stateName is a fresh closure over `t` each render; `t` is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [days, theme, t, format]);

  const counts = DAY_STATES.map((state) => ({ state, count: days.filter((day) => shownState(day) === state).length }));
  return (
    <section className="card" aria-labelledby="uptime-days-title">
      <h2 id="uptime-days-title" className="card__title">
        {t("uptime.daysTitle", { days: days.length })}
      </h2>
      <div>
        <EChart option={option} label={t("uptime.daysChart", { days: days.length })} height={56} />
        <div className="chart-axis">
          <span>{days[0] ? format.date(days[0].date) : ""}</span>
          <span>{t("uptime.today")}</span>
        </div>
      </div>
      <ul className="chart-legend" aria-label={t("uptime.legend")}>
        {counts.map(({ state, count }) => (
          <li key={state}>
            <span className={`swatch swatch--${state}`} aria-hidden="true" />
            {t("uptime.legendItem", { state: stateName(state), n: count })}
          </li>
        ))}
      </ul>
      <p className="legend-note">{t("uptime.daysNote", { zone: timeZone })}</p>
    </section>
  );
}
