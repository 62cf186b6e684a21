import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { SlaMonth } from "../../bindings";
import { useTableSize } from "../../shared/density";
import { EmptyState } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
import type { UptimeFormat } from "./format";
import { StatusBadge, statusOf } from "./StatusBadge";

/** The figure columns, in the order each row writes its cells. */
const FIGURE_COLUMNS = ["uptime", "bestCase", "downtime", "allowed", "maintenance", "unmonitored"] as const;

export function SlaHistory({ months, format }: { months: SlaMonth[]; format: UptimeFormat }) {
  const { t } = useTranslation();
  const size = useTableSize();
  return (
    <section className="card" aria-labelledby="uptime-history-title">
      <h2 id="uptime-history-title" className="card__title">
        {t("uptime.historyTitle", { months: months.length })}
      </h2>
      {months.length === 0 ? (
        <EmptyState title={t("uptime.noHistory")} next={t("uptime.noHistoryNext")} />
      ) : (
        <TableScroll>
          <Table size={size} className="uptime-table" aria-labelledby="uptime-history-title">
            <TableHeader>
              <TableRow>
                {/* The service sends the months newest first; the arrow says so. */}
                <TableHeaderCell scope="col" sortDirection="descending" aria-sort="descending">
                  {t("uptime.month")}
                </TableHeaderCell>
                {FIGURE_COLUMNS.map((key) => (
                  <TableHeaderCell key={key} scope="col" className="uptime-num">
                    {t(`uptime.${key}`)}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col">{t("uptime.compliantColumn")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {months.map((month, index) => (
                <TableRow key={month.month} className={statusOf(month) === "breached" ? "row--breach" : undefined}>
                  <TableHeaderCell scope="row">
                    {format.month(month.month)}
                    {index === 0 && <span className="muted">&nbsp;{t("uptime.inProgress")}</span>}
                  </TableHeaderCell>
                  <TableCell className="uptime-num">{format.ratio(month.uptime_ratio)}</TableCell>
                  <TableCell className="uptime-num">{format.ratio(month.uptime_ratio_best)}</TableCell>
                  <TableCell className="uptime-num">{format.duration(month.down_s)}</TableCell>
                  <TableCell className="uptime-num">{format.duration(month.allowed_downtime_s)}</TableCell>
                  <TableCell className="uptime-num">{format.duration(month.maintenance_s)}</TableCell>
                  <TableCell className="uptime-num">{format.duration(month.unmonitored_s)}</TableCell>
                  <TableCell>
                    <StatusBadge month={month} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}
