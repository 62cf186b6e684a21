import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Backup } from "../../bindings";
import { UserTime } from "../../shared/UserTime";
import type { BackupFormat } from "./format";
import { TableScroll } from "../../shared/TableScroll";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Backup>();

// Enough of the SHA-256 to tell snapshots apart and compare with a manifest by eye.
const SHORT_SHA = 16;

export function SnapshotTable({ snapshots, format }: { snapshots: Backup[]; format: BackupFormat }) {
  const { t } = useTranslation();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("started_at", {
          header: () => t("backups.taken"),
          cell: (info) => <UserTime iso={info.getValue()} />,
        }),
        helper.accessor("size_bytes", {
          header: () => t("backups.size"),
          cell: (info) => format.size(info.getValue()),
        }),
        helper.accessor("sha256", {
          header: () => t("backups.checksum"),
          cell: (info) => {
            const sha = info.getValue();
            return sha ? (
              <code title={sha} aria-label={t("backups.checksumFull", { sha })}>
                {sha.slice(0, SHORT_SHA)}…
              </code>
            ) : (
              t("backups.none")
            );
          },
        }),
        helper.accessor("retention", {
          header: () => t("backups.retention"),
          cell: (info) => <span className="badge">{t(`backups.retentionClass.${info.getValue()}`)}</span>,
        }),
      ]),
    [t, format],
  );
  const table = useTable({ features, columns, data: snapshots });
  const title = t("backups.snapshotsTitle");
  return (
    <section className="card" aria-labelledby="backups-snapshots-title">
      <h2 id="backups-snapshots-title" className="card__title">
        {title}
      </h2>
      {snapshots.length === 0 ? (
        <p className="muted">{t("backups.noSnapshots")}</p>
      ) : (
        <TableScroll>
          <table className="table" aria-label={title}>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} scope="col" className={header.column.id === "size_bytes" ? "num" : undefined}>
                      {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cell.column.id === "size_bytes" ? "num" : undefined}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="legend-note">{t("backups.snapshotsNote")}</p>
    </section>
  );
}
