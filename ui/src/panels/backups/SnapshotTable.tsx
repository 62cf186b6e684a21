import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Backup } from "../../bindings";
import { useTableSize } from "../../shared/density";
import { EmptyState } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
import { UserTime } from "../../shared/UserTime";
import type { BackupFormat } from "./format";

// Enough of the SHA-256 to tell snapshots apart and compare with a manifest by eye.
const SHORT_SHA = 16;

type SortKey = "started_at" | "size_bytes";
type Sort = { key: SortKey; direction: "ascending" | "descending" };

const VALUE: Record<SortKey, (backup: Backup) => number> = {
  started_at: (backup) => Date.parse(backup.started_at),
  // A snapshot whose size is unknown sorts as the smallest.
  size_bytes: (backup) => backup.size_bytes ?? -1,
};

function sorted(snapshots: Backup[], { key, direction }: Sort): Backup[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...snapshots].sort((a, b) => sign * (VALUE[key](a) - VALUE[key](b)));
}

export function SnapshotTable({ snapshots, format }: { snapshots: Backup[]; format: BackupFormat }) {
  const { t } = useTranslation();
  const size = useTableSize();
  // Newest first, as the service lists them.
  const [sort, setSort] = useState<Sort>({ key: "started_at", direction: "descending" });
  const rows = useMemo(() => sorted(snapshots, sort), [snapshots, sort]);
  const title = t("backups.snapshotsTitle");
  const sortable = (key: SortKey) => ({
    sortable: true,
    ...(sort.key === key && { sortDirection: sort.direction }),
    onClick: () =>
      setSort((current) => ({
        key,
        direction: current.key === key && current.direction === "descending" ? "ascending" : "descending",
      })),
  });
  return (
    <section className="card" aria-labelledby="backups-snapshots-title">
      <h2 id="backups-snapshots-title" className="card__title">
        {title}
      </h2>
      {snapshots.length === 0 ? (
        <EmptyState title={t("backups.noSnapshots")} next={t("backups.noSnapshotsNext")} />
      ) : (
        <TableScroll>
          <Table size={size} aria-label={title} className="backups-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell {...sortable("started_at")}>{t("backups.taken")}</TableHeaderCell>
                <TableHeaderCell {...sortable("size_bytes")} className="num">
                  {t("backups.size")}
                </TableHeaderCell>
                <TableHeaderCell>{t("backups.checksum")}</TableHeaderCell>
                <TableHeaderCell>{t("backups.retention")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((backup) => (
                <TableRow key={backup.id}>
                  <TableCell>
                    <UserTime iso={backup.started_at} />
                  </TableCell>
                  <TableCell className="num">{format.size(backup.size_bytes)}</TableCell>
                  <TableCell>
                    {backup.sha256 ? (
                      <code title={backup.sha256} aria-label={t("backups.checksumFull", { sha: backup.sha256 })}>
                        {backup.sha256.slice(0, SHORT_SHA)}…
                      </code>
                    ) : (
                      t("backups.none")
                    )}
                  </TableCell>
                  <TableCell>
                    <Badge appearance="tint" color="informative">
                      {t(`backups.retentionClass.${backup.retention}`)}
                    </Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <p className="legend-note">{t("backups.snapshotsNote")}</p>
    </section>
  );
}
