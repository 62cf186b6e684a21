import { useTranslation } from "react-i18next";
import type { SlaMonth } from "../../bindings";
import type { UptimeFormat } from "./format";
import { StatusBadge, StatusSentence } from "./StatusBadge";

export function ThisMonth({ month, format }: { month: SlaMonth; format: UptimeFormat }) {
  const { t } = useTranslation();
  // No data counts against the allowance as downtime does: it is not proven up.
  const left = month.allowed_downtime_s - month.down_s - month.unmonitored_s;
  const parts = [
    { key: "up", label: t("uptime.up"), seconds: month.up_s },
    { key: "down", label: t("uptime.down"), seconds: month.down_s },
    { key: "maintenance", label: t("uptime.maintenanceLeftOut"), seconds: month.maintenance_s },
    { key: "unmonitored", label: t("uptime.unmonitoredLeftOut"), seconds: month.unmonitored_s },
  ];
  return (
    <section className="card" aria-labelledby="uptime-month-title">
      <h2 id="uptime-month-title" className="card__title">
        {t("uptime.thisMonthTitle", { target: format.target(month.target_ratio) })}
      </h2>
      <div className="stats">
        <div className="stat">
          <p className="stat__label">{t("uptime.uptime")}</p>
          <p className="stat__value" data-testid="uptime-figure">
            {format.ratio(month.uptime_ratio)}
          </p>
          <p className="stat__hint">{t("uptime.soFar", { month: format.month(month.month) })}</p>
          <p className="stat__hint" data-testid="uptime-best">
            {t("uptime.bestCaseHint", { best: format.ratio(month.uptime_ratio_best) })}
          </p>
        </div>
        <div className="stat">
          <p className="stat__label">{t("uptime.budget")}</p>
          <p className={left < 0 ? "stat__value stat__value--bad" : "stat__value"} data-testid="uptime-budget">
            {format.budget(left)}
          </p>
          <p className="stat__hint">
            {t("uptime.budgetOf", {
              down: format.duration(month.down_s),
              unmonitored: format.duration(month.unmonitored_s),
              allowed: format.duration(month.allowed_downtime_s),
            })}
          </p>
        </div>
        <div className="stat">
          <p className="stat__label">{t("uptime.status")}</p>
          <div className="stat__value">
            <StatusBadge month={month} size="large" />
          </div>
          <p className="stat__hint">{t("uptime.targetHint", { target: format.target(month.target_ratio) })}</p>
        </div>
      </div>
      <StatusSentence month={month} format={format} />
      <dl className="breakdown">
        <div className="breakdown__item">
          <dt>{t("uptime.businessTime")}</dt>
          <dd>{format.duration(month.business_s)}</dd>
        </div>
        {parts.map((part) => (
          <div key={part.key} className="breakdown__item">
            <dt>
              <span className={`swatch swatch--${part.key}`} aria-hidden="true" />
              {part.label}
            </dt>
            <dd>{format.duration(part.seconds)}</dd>
          </div>
        ))}
      </dl>
      <p className="legend-note">
        {month.business_days.length > 0
          ? t("uptime.measured", {
              days: format.weekdays(month.business_days),
              opens: month.business_opens,
              closes: month.business_closes,
              zone: month.time_zone,
            })
          : // A copy cached before the service named its calendar.
            t("uptime.measuredUnnamed", { zone: month.time_zone })}
      </p>
    </section>
  );
}
