import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { LatencyPoint } from "../../bindings";
import { useChartTheme } from "../../shared/chartTheme";
import { EChart, type ChartOption } from "../../shared/EChart";
import { useDescribeError } from "../../shared/errors";
import { formatInZone, userTime } from "../../shared/time";
import type { UptimeFormat } from "./format";
import { LATENCY_DAYS, useLatency } from "./queries";

type LatencyChartProps = { monitorId: number; asOf: string; offline: boolean; timeZone: string; format: UptimeFormat };

export function LatencyChart({ monitorId, asOf, offline, timeZone, format }: LatencyChartProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  // Offline, Rust answers with the response times it last fetched for this monitor.
  const latency = useLatency(monitorId, asOf);

  let body;
  if (latency.isPending) body = <p className="muted" role="status">{t("app.loading")}</p>;
  else if (latency.isError && latency.error.kind === "offline") body = <p className="muted">{t("uptime.latencyOffline")}</p>;
  else if (latency.isError) body = <p role="alert" className="form-error">{describe(latency.error)}</p>;
  else if (latency.data.length === 0) body = <p className="muted">{t("uptime.latencyEmpty", { days: LATENCY_DAYS })}</p>;
  else body = <LatencyLines points={latency.data} timeZone={timeZone} format={format} />;

  return (
    <section className="card" aria-labelledby="uptime-latency-title">
      <h2 id="uptime-latency-title" className="card__title">
        {t("uptime.latencyTitle", { days: LATENCY_DAYS })}
      </h2>
      {offline && !latency.isError && <p className="legend-note">{t("uptime.latencyCached")}</p>}
      {body}
    </section>
  );
}

function LatencyLines({ points, timeZone, format }: { points: LatencyPoint[]; timeZone: string; format: UptimeFormat }) {
  const { t, i18n } = useTranslation();
  const theme = useChartTheme();
  const option = useMemo<ChartOption>(() => {
    const language = i18n.language;
    const average = t("uptime.average");
    const slowest = t("uptime.slowest");
    const axisText = { color: theme.muted };
    return {
      animation: false,
      textStyle: { fontFamily: theme.font },
      grid: { left: 8, right: 16, top: 36, bottom: 64, containLabel: true },
      legend: { top: 0, left: 0, itemGap: 20, textStyle: { color: theme.text }, data: [average, slowest] },
      tooltip: {
        trigger: "axis",
        backgroundColor: theme.surface,
        borderColor: theme.border,
        textStyle: { color: theme.text },
        formatter: (params: unknown) => {
          const rows = params as { axisValue: number; seriesName: string; value: [number, number]; marker: string }[];
          const first = rows[0];
          if (!first) return "";
          const iso = new Date(first.axisValue).toISOString();
          // The one rule: the user's own time, Helsinki time beside it where it differs.
          const { local, service } = userTime(iso, language);
          const helsinki = service === null ? [] : [t("time.helsinki", { time: service })];
          return [`<strong>${local}</strong>`, ...helsinki, ...rows.map((row) => `${row.marker}${row.seriesName}: ${format.milliseconds(row.value[1])}`)].join("<br/>");
        },
      },
      xAxis: {
        type: "time",
        axisLine: { lineStyle: { color: theme.border } },
        axisLabel: {
          ...axisText,
          hideOverlap: true,
          // ECharts would label in the computer's zone; the panel reads in the service's.
          formatter: (value: number) => tick(value, language, timeZone),
        },
      },
      yAxis: {
        type: "value",
        axisLabel: { ...axisText, formatter: (value: number) => format.milliseconds(value) },
        splitLine: { lineStyle: { color: theme.border } },
      },
      dataZoom: [
        { type: "inside", filterMode: "none" },
        {
          type: "slider",
          bottom: 8,
          height: 24,
          filterMode: "none",
          borderColor: theme.border,
          textStyle: { color: theme.muted },
          labelFormatter: (value: number) => formatInZone(new Date(value).toISOString(), language, timeZone),
        },
      ],
      series: [
        {
          name: average,
          type: "line",
          showSymbol: false,
          sampling: "lttb",
          lineStyle: { width: 2 },
          itemStyle: { color: theme.accent },
          areaStyle: { color: theme.accent, opacity: 0.12 },
          data: points.map((point) => [Date.parse(point.at), point.avg_ms]),
        },
        {
          name: slowest,
          type: "line",
          showSymbol: false,
          sampling: "lttb",
          lineStyle: { width: 1, type: "dashed", opacity: 0.8 },
          itemStyle: { color: theme.degraded },
          data: points.map((point) => [Date.parse(point.at), point.max_ms]),
        },
      ],
    };
  }, [points, theme, timeZone, format, t, i18n.language]);
  return <EChart option={option} label={t("uptime.latencyChart")} height={300} />;
}

/** A day's tick shows its date; a tick inside a day (when zoomed in) its clock time above that. */
function tick(value: number, language: string, timeZone: string): string {
  const iso = new Date(value).toISOString();
  const date = formatInZone(iso, language, timeZone, { weekday: "short", day: "numeric", month: "short" });
  const clock = new Intl.DateTimeFormat("en", { timeZone, hour: "numeric", minute: "numeric", hourCycle: "h23" }).formatToParts(value);
  const midnight = clock.filter((part) => part.type === "hour" || part.type === "minute").every((part) => Number(part.value) === 0);
  if (midnight) return date;
  return `${formatInZone(iso, language, timeZone, { hour: "2-digit", minute: "2-digit" })}\n${date}`;
}
