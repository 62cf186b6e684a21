import { useTranslation } from "react-i18next";
import type { SlaMonth } from "../../bindings";
import type { UptimeFormat } from "./format";

export function ComplianceBadge({ compliant }: { compliant: boolean | null }) {
  const { t } = useTranslation();
  if (compliant === null) return <span className="badge">{t("uptime.notMeasured")}</span>;
  return compliant ? (
    <span className="badge badge--good">{t("uptime.compliant")}</span>
  ) : (
    <span className="badge badge--bad">{t("uptime.breached")}</span>
  );
}

export function ThisMonth({ month, format }: { month: SlaMonth; format: UptimeFormat }) {
  const { t } = useTranslation();
  const left = month.allowed_downtime_s - month.down_s;
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
        </div>
        <div className="stat">
          <p className="stat__label">{t("uptime.budget")}</p>
          <p className={left < 0 ? "stat__value stat__value--bad" : "stat__value"} data-testid="uptime-budget">
            {format.budget(left)}
          </p>
          <p className="stat__hint">
            {t("uptime.budgetOf", { down: format.duration(month.down_s), allowed: format.duration(month.allowed_downtime_s) })}
          </p>
        </div>
        <div className="stat">
          <p className="stat__label">{t("uptime.status")}</p>
          <p className="stat__value">
            <ComplianceBadge compliant={month.compliant} />
          </p>
          <p className="stat__hint">{t("uptime.targetHint", { target: format.target(month.target_ratio) })}</p>
        </div>
      </div>
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
