import { Badge, Link, type BadgeProps } from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CardId, Kept, OverviewAlert, OverviewView, SlaStatus } from "../../bindings";
import { useOpenPanel } from "../../app/navigation";
import type { PanelId } from "../../app/panels";
import { Button } from "../../shared/Button";
import { useDescribeError } from "../../shared/errors";
import { formatCount } from "../../shared/number";
import { LoadError, OfflineNote } from "../../shared/OfflineNote";
import { UserTime } from "../../shared/UserTime";
import { useBackupFormat } from "../backups/format";
import { useSyncFeeds } from "../activity/queries";
import { useUptimeFormat } from "../uptime/format";
import { useOverview } from "./queries";
import { Timeline } from "./Timeline";
import "./overview.css";

/** A card's state, drawn in its colour and said in words (colour alone tells nobody who cannot see it). */
export type Tone = "good" | "warn" | "bad" | "neutral";

const SLA_TONE: Record<SlaStatus, Tone> = {
  compliant: "good",
  on_track: "good",
  unverified: "warn",
  at_risk: "bad",
  breached: "bad",
};

const TONE_BADGE: Record<Tone, NonNullable<BadgeProps["color"]>> = {
  good: "success",
  warn: "warning",
  bad: "danger",
  neutral: "informative",
};

const ALERT_PANEL: Record<OverviewAlert["kind"], PanelId> = {
  missed_backup: "backups",
  failed_backup: "backups",
  failed_drill: "backups",
  sla_at_risk: "uptime",
  sla_breached: "uptime",
  maintenance_in_progress: "maintenance",
};

export function OverviewPanel() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const overview = useOverview();
  const { mutate: syncFeeds } = useSyncFeeds();
  // Opening the panel brings the feeds behind the unread and access cards up to date.
  useEffect(() => syncFeeds(), [syncFeeds]);
  return (
    <section className="panel" aria-labelledby="panel-title">
      <div className="panel__header">
        <h1 id="panel-title" className="panel__title">
          {t("nav.overview")}
        </h1>
        {overview.data && (
          <div className="panel__tools">
            <Button variant="secondary" icon={<ArrowClockwiseRegular />} busy={overview.isFetching} onClick={() => void overview.refetch()}>
              {t("overview.refresh")}
            </Button>
          </div>
        )}
      </div>
      {overview.isPending ? (
        <p className="muted" role="status">
          {t("app.loading")}
        </p>
      ) : overview.isError ? (
        <LoadError error={overview.error}>
          <p role="alert" className="form-error">
            {describe(overview.error)}
          </p>
        </LoadError>
      ) : (
        <Cards kept={overview.data} />
      )}
      <Timeline />
    </section>
  );
}

function Cards({ kept }: { kept: Kept<OverviewView> }) {
  const { t } = useTranslation();
  const view = kept.value;
  const why = (card: CardId): string => {
    const missing = view.service.missing.find((m) => m.card === card);
    if (!missing) return t("overview.why.none");
    return missing.why.reason === "failed" ? t("overview.why.failed", { message: missing.why.message }) : t(`overview.why.${missing.why.reason}`);
  };
  return (
    <>
      {kept.fetched_at && (
        <p className="panel__meta">
          <span>
            {t("overview.asOf")} <UserTime iso={kept.fetched_at} />
          </span>
        </p>
      )}
      <OfflineNote kept={kept} />
      <div className="overview-cards">
        <UptimeCard view={view} why={why} />
        <BackupsCard view={view} why={why} />
        <MaintenanceCard view={view} why={why} />
        <NotificationsCard view={view} why={why} />
        <AlertsCard view={view} />
        <AccessCard view={view} why={why} />
      </div>
    </>
  );
}

type CardProps = { view: OverviewView; why: (card: CardId) => string };

function Card({ id, title, tone, state, panel, children }: { id: CardId; title: string; tone: Tone; state: string; panel: PanelId; children: ReactNode }) {
  const open = useOpenPanel();
  return (
    <section className={`overview-card overview-card--${tone}`} aria-labelledby={`overview-${id}`} data-testid={`card-${id}`} data-tone={tone}>
      <h2 id={`overview-${id}`} className="overview-card__title">
        {/* The link covers the card (CSS), so a click anywhere on it opens the panel. */}
        <Link
          appearance="subtle"
          className="overview-card__link"
          href={`#${panel}`}
          onClick={(event) => {
            event.preventDefault();
            open(panel);
          }}
        >
          {title}
        </Link>
      </h2>
      <Badge className="overview-card__state" appearance="tint" color={TONE_BADGE[tone]} shape="rounded">
        {state}
      </Badge>
      {children}
    </section>
  );
}

function Unavailable({ text }: { text: string }) {
  return <p className="overview-card__why">{text}</p>;
}

function UptimeCard({ view, why }: CardProps) {
  const { t } = useTranslation();
  const format = useUptimeFormat();
  const uptime = view.service.uptime;
  if (!uptime) {
    return (
      <Card id="uptime" title={t("overview.uptimeTitle")} tone="neutral" state={t("overview.state.unknown")} panel="uptime">
        <Unavailable text={why("uptime")} />
      </Card>
    );
  }
  const month = uptime.month;
  const status = month.status;
  const tone: Tone = status ? SLA_TONE[status] : "neutral";
  return (
    <Card
      id="uptime"
      title={t("overview.uptimeTitle")}
      tone={tone}
      state={status ? t(`overview.sla.${status}`) : t("overview.state.unknown")}
      panel="uptime"
    >
      <p className="overview-card__value">{month.uptime_ratio === null ? t("overview.noUptimeData") : format.ratio(month.uptime_ratio)}</p>
      <p className="overview-card__hint">
        {t("overview.uptimeOf", { monitor: uptime.monitor_name, target: format.target(month.target_ratio) })}
      </p>
      {month.unmonitored_s > 0 && <p className="overview-card__hint">{t("overview.unmonitored", { time: format.duration(month.unmonitored_s) })}</p>}
    </Card>
  );
}

function BackupsCard({ view, why }: CardProps) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const backups = view.service.backups;
  if (!backups) {
    return (
      <Card id="backups" title={t("overview.backupsTitle")} tone="neutral" state={t("overview.state.unknown")} panel="backups">
        <Unavailable text={why("backups")} />
      </Card>
    );
  }
  const ageS = backups.last_good_at === null ? null : (Date.now() - Date.parse(backups.last_good_at)) / 1000;
  const stale = ageS === null || ageS > backups.stale_after_hours * 3600;
  const drill = backups.last_drill;
  const tone: Tone = stale ? "bad" : drill && !drill.passed ? "warn" : "good";
  return (
    <Card
      id="backups"
      title={t("overview.backupsTitle")}
      tone={tone}
      state={stale ? t("overview.backupStale", { hours: backups.stale_after_hours }) : t("overview.state.ok")}
      panel="backups"
    >
      <p className="overview-card__value">{ageS === null ? t("backups.never") : t("backups.ago", { age: format.age(ageS) })}</p>
      {backups.last_good_at && (
        <p className="overview-card__hint">
          <UserTime iso={backups.last_good_at} />
        </p>
      )}
      <p className="overview-card__hint">
        {drill ? (
          <>
            {t("overview.lastDrill", { result: drill.passed ? t("backups.drillPassed") : t("backups.drillFailed") })}{" "}
            <UserTime iso={drill.started_at} />
          </>
        ) : (
          t("backups.noDrill")
        )}
      </p>
    </Card>
  );
}

function MaintenanceCard({ view, why }: CardProps) {
  const { t } = useTranslation();
  const maintenance = view.service.maintenance;
  if (!maintenance) {
    return (
      <Card id="maintenance" title={t("overview.maintenanceTitle")} tone="neutral" state={t("overview.state.unknown")} panel="maintenance">
        <Unavailable text={why("maintenance")} />
      </Card>
    );
  }
  const hours = (minutes: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(minutes / 60);
  const over = maintenance.this_month.used_minutes > maintenance.this_month.cap_minutes || maintenance.next_month.used_minutes > maintenance.next_month.cap_minutes;
  const window = maintenance.in_progress ?? maintenance.next_window;
  const tone: Tone = over ? "bad" : maintenance.in_progress ? "warn" : "good";
  const lengthMin = window ? Math.round((Date.parse(window.ends_at) - Date.parse(window.starts_at)) / 60_000) : 0;
  return (
    <Card
      id="maintenance"
      title={t("overview.maintenanceTitle")}
      tone={tone}
      state={maintenance.in_progress ? t("overview.maintenanceNow") : over ? t("overview.overCap") : t("overview.state.ok")}
      panel="maintenance"
    >
      {window ? (
        <>
          <p className="overview-card__value overview-card__value--small">{window.title}</p>
          <p className="overview-card__hint">
            <UserTime iso={window.starts_at} /> · {t("overview.lasts", { h: Math.floor(lengthMin / 60), m: lengthMin % 60 })}
          </p>
        </>
      ) : (
        <p className="overview-card__value overview-card__value--small">{t("maintenance.noneUpcoming")}</p>
      )}
      <p className="overview-card__hint">
        {t("overview.capUsed", {
          thisMonth: hours(maintenance.this_month.used_minutes),
          nextMonth: hours(maintenance.next_month.used_minutes),
          cap: hours(maintenance.this_month.cap_minutes),
        })}
      </p>
    </Card>
  );
}

function NotificationsCard({ view, why }: CardProps) {
  const { t, i18n } = useTranslation();
  if (view.unread === null) {
    return (
      <Card id="notifications" title={t("overview.notificationsTitle")} tone="neutral" state={t("overview.state.unknown")} panel="activity">
        <Unavailable text={why("notifications")} />
      </Card>
    );
  }
  return (
    <Card
      id="notifications"
      title={t("overview.notificationsTitle")}
      tone={view.unread > 0 ? "warn" : "good"}
      state={view.unread > 0 ? t("overview.state.toRead") : t("overview.state.ok")}
      panel="activity"
    >
      <p className="overview-card__value">{formatCount(view.unread, i18n.language)}</p>
      {view.feeds_synced_at && (
        <p className="overview-card__hint">
          {t("overview.syncedAt")} <UserTime iso={view.feeds_synced_at} />
        </p>
      )}
    </Card>
  );
}

function AlertsCard({ view }: { view: OverviewView }) {
  const { t, i18n } = useTranslation();
  const alerts = view.service.alerts;
  const first = alerts[0];
  return (
    <Card
      id="alerts"
      title={t("overview.alertsTitle")}
      tone={alerts.length > 0 ? "bad" : "good"}
      state={alerts.length > 0 ? t("overview.state.attention") : t("overview.state.ok")}
      panel={first ? ALERT_PANEL[first.kind] : "backups"}
    >
      <p className="overview-card__value">{formatCount(alerts.length, i18n.language)}</p>
      {alerts.length === 0 ? (
        <p className="overview-card__hint">{t("overview.noAlerts")}</p>
      ) : (
        <ul className="overview-card__list">
          {alerts.slice(0, 3).map((alert) => (
            <li key={`${alert.kind}-${alert.at}`}>
              {t(`overview.alertKind.${alert.kind}`)} · <UserTime iso={alert.at} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function AccessCard({ view, why }: CardProps) {
  const { t, i18n } = useTranslation();
  const access = view.access;
  if (!access) {
    return (
      <Card id="access" title={t("overview.accessTitle")} tone="neutral" state={t("overview.state.unknown")} panel="activity">
        <Unavailable text={why("access")} />
      </Card>
    );
  }
  const total = access.grants + access.revocations + access.lockouts + access.two_factor_resets + access.blocks;
  const tone: Tone = access.lockouts + access.blocks > 0 ? "warn" : "neutral";
  return (
    <Card id="access" title={t("overview.accessTitle")} tone={tone} state={t("overview.lastDays", { days: 7 })} panel="activity">
      <p className="overview-card__value">{formatCount(total, i18n.language)}</p>
      <p className="overview-card__hint">
        {t("overview.accessCounts", {
          grants: access.grants,
          revocations: access.revocations,
          lockouts: access.lockouts,
          resets: access.two_factor_resets,
          blocks: access.blocks,
        })}
      </p>
    </Card>
  );
}
