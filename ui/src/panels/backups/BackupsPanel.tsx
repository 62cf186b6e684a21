import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BackupsView, Kept } from "../../bindings";
import { Button } from "../../shared/Button";
import { useDescribeError } from "../../shared/errors";
import { LoadError, OfflineNote } from "../../shared/OfflineNote";
import { TableSkeleton } from "../../shared/TableStates";
import { UserTime } from "../../shared/UserTime";
import { useBackupFormat } from "./format";
import { Heatmap } from "./Heatmap";
import { useBackups } from "./queries";
import { RestoreDialog } from "./RestoreDialog";
import { RestoreRequests } from "./RestoreRequests";
import { SnapshotTable } from "./SnapshotTable";
import { Status } from "./Status";
import "./backups.css";

export function BackupsPanel() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const backups = useBackups();

  return (
    <section className="panel" aria-labelledby="panel-title">
      <div className="panel__header">
        <h1 id="panel-title" className="panel__title">
          {t("nav.backups")}
        </h1>
        {backups.data && (
          <div className="panel__tools">
            <Button variant="secondary" icon={<ArrowClockwise20Regular />} busy={backups.isFetching} onClick={() => void backups.refetch()}>
              {t("backups.refresh")}
            </Button>
          </div>
        )}
      </div>
      {backups.isPending ? (
        <TableSkeleton columns={4} label={t("app.loading")} />
      ) : backups.isError ? (
        <LoadError error={backups.error}>
          <MessageBar layout="multiline" intent={backups.error.kind === "forbidden" ? "info" : "error"} role="alert" aria-labelledby={undefined}>
            <MessageBarBody>{backups.error.kind === "forbidden" ? t("backups.forbidden") : describe(backups.error)}</MessageBarBody>
          </MessageBar>
        </LoadError>
      ) : (
        <BackupsBody kept={backups.data} />
      )}
    </section>
  );
}

function BackupsBody({ kept }: { kept: Kept<BackupsView> }) {
  const view = kept.value;
  const { t } = useTranslation();
  const format = useBackupFormat();
  const [asking, setAsking] = useState(false);
  const zone = view.time_zone;
  return (
    <>
      <p className="panel__meta">
        <span>
          {t("backups.asOf")} <UserTime iso={kept.fetched_at ?? ""} />
        </span>
        <span>{t("backups.timesIn", { zone })}</span>
      </p>
      <OfflineNote kept={kept} />
      <Status view={view} format={format} />
      <Heatmap days={view.days} />
      <SnapshotTable snapshots={view.snapshots} format={format} />
      <RestoreRequests
        requests={view.requests}
        showAccount={!view.may_request}
        offline={kept.from_cache}
        format={format}
        onRequest={view.may_request ? () => setAsking(true) : null}
      />
      {asking && <RestoreDialog snapshots={view.snapshots} channels={view.channels} onClose={() => setAsking(false)} />}
    </>
  );
}
