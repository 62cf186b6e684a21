import { Badge, type BadgeProps } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { SlaMonth, SlaStatus } from "../../bindings";
import type { UptimeFormat } from "./format";

type Look = { tone: string; color: NonNullable<BadgeProps["color"]>; appearance: NonNullable<BadgeProps["appearance"]> };

/**
 * 4S-SLA: only a proven month is green. An unverified month (no data leaves it undecided)
 * wears the no-data look, outlined and dashed, never a colour of its own that could pass for good.
 */
const LOOK: Record<SlaStatus, Look> = {
  compliant: { tone: "good", color: "success", appearance: "filled" },
  breached: { tone: "bad", color: "danger", appearance: "filled" },
  unverified: { tone: "unverified", color: "informative", appearance: "outline" },
  on_track: { tone: "info", color: "brand", appearance: "tint" },
  at_risk: { tone: "warn", color: "warning", appearance: "tint" },
};

/**
 * What a month's figures prove. A copy cached before the service sent `status` is judged
 * only when it was a breach (that reading never changed); anything else is not claimed.
 */
export function statusOf(month: SlaMonth): SlaStatus | null {
  return month.status ?? (month.compliant === false ? "breached" : null);
}

export function StatusBadge({ month, size = "medium" }: { month: SlaMonth; size?: "medium" | "large" }) {
  const { t } = useTranslation();
  const status = statusOf(month);
  if (status === null) {
    return (
      <Badge className="status-badge status-badge--none" color="subtle" appearance="outline" shape="rounded" size={size}>
        {t("uptime.notMeasured")}
      </Badge>
    );
  }
  const look = LOOK[status];
  return (
    <Badge className={`status-badge status-badge--${look.tone}`} color={look.color} appearance={look.appearance} shape="rounded" size={size} data-status={status}>
      {t(`uptime.statusName.${status}`)}
    </Badge>
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
