import { Badge, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { BackupsView } from "../../bindings";
import { useNow } from "../../shared/useNow";
import { UserTime } from "../../shared/UserTime";
import type { BackupFormat } from "./format";

export function Status({ view, format }: { view: BackupsView; format: BackupFormat }) {
  const { t } = useTranslation();
  // Offline, the last backup keeps getting older.
  const now = useNow(60_000);
  const ageS = view.last_good_at === null ? null : (now - Date.parse(view.last_good_at)) / 1000;
  const stale = ageS === null || ageS > view.stale_after_hours * 3600;
  const drill = view.last_drill;
  return (
    <section className="card" aria-labelledby="backups-status-title">
      <h2 id="backups-status-title" className="card__title">
        {t("backups.statusTitle")}
      </h2>
      {stale && (
        // No title of its own: the library would name the bar by a title that is not there.
        <MessageBar layout="multiline" intent="error" role="alert" aria-labelledby={undefined}>
          <MessageBarBody>
            {ageS === null ? t("backups.noGoodBackup") : t("backups.staleWarning", { hours: view.stale_after_hours })}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className="stats">
        <div className="stat" data-testid="backup-age">
          <span className="stat__label">{t("backups.lastGood")}</span>
          <span className={stale ? "stat__value stat__value--bad" : "stat__value"}>
            {ageS === null ? t("backups.never") : t("backups.ago", { age: format.age(ageS) })}
          </span>
          {view.last_good_at && (
            <span className="stat__hint">
              <UserTime iso={view.last_good_at} />
            </span>
          )}
        </div>
        <div className="stat" data-testid="last-drill">
          <span className="stat__label">{t("backups.lastDrill")}</span>
          {drill ? (
            <>
              <span className="stat__value">
                <Badge size="large" appearance="tint" color={drill.passed ? "success" : "danger"}>
                  {drill.passed ? t("backups.drillPassed") : t("backups.drillFailed")}
                </Badge>
              </span>
              <span className="stat__hint">
                <UserTime iso={drill.started_at} />
                {" · "}
                {t("backups.drillOf", { id: drill.backup_id, duration: format.seconds(drill.duration_ms) })}
              </span>
              {drill.reason && <span className="stat__hint">{t("backups.reason", { reason: drill.reason })}</span>}
            </>
          ) : (
            <span className="stat__value">{t("backups.noDrill")}</span>
          )}
        </div>
      </div>
      <div>
        <h3 className="backups-subheading">{t("backups.alertsTitle")}</h3>
        {view.open_alerts.length === 0 ? (
          <p className="muted">{t("backups.noAlerts")}</p>
        ) : (
          <ul className="backups-alerts" aria-label={t("backups.alertsTitle")}>
            {view.open_alerts.map((alert) => (
              <li key={alert.id}>
                <Badge appearance="tint" color="danger">
                  {t(`backups.alertKind.${alert.kind}`)}
                </Badge>
                <UserTime iso={alert.at} />
                <span>{alert.message}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
