import { useTranslation } from "react-i18next";
import type { SlaMonth, SlaStatus } from "../../bindings";
import type { UptimeFormat } from "./format";

const BADGE: Record<SlaStatus, string> = {
  compliant: "badge badge--good",
  breached: "badge badge--bad",
  unverified: "badge badge--unverified",
  on_track: "badge badge--info",
  at_risk: "badge badge--warn",
};

/**
 * What a month's figures prove. A copy cached before the service sent `status` is judged
 * only when it was a breach (that reading never changed); anything else is not claimed.
 */
export function statusOf(month: SlaMonth): SlaStatus | null {
  return month.status ?? (month.compliant === false ? "breached" : null);
}

export function StatusBadge({ month }: { month: SlaMonth }) {
  const { t } = useTranslation();
  const status = statusOf(month);
  if (status === null) return <span className="badge">{t("uptime.notMeasured")}</span>;
  return (
    <span className={BADGE[status]} data-status={status}>
      {t(`uptime.statusName.${status}`)}
    </span>
  );
}

/** One sentence saying why the month has the status it has, with its numbers. */
export function StatusSentence({ month, format }: { month: SlaMonth; format: UptimeFormat }) {
  const { t } = useTranslation();
  const status = statusOf(month);
  if (status === null) return null;
  return (
    <p className="status-sentence" data-testid="uptime-status-sentence">
      {t(`uptime.statusSentence.${status}`, {
        target: format.target(month.target_ratio),
        proven: format.ratio(month.uptime_ratio),
        best: format.ratio(month.uptime_ratio_best),
        unmonitored: format.duration(month.unmonitored_s),
        used: format.duration(month.down_s + month.unmonitored_s),
        allowed: format.duration(month.allowed_downtime_s),
      })}
    </p>
  );
}
