import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { BusinessCalendarSettings } from "../../bindings";
import { useTableSize } from "../../shared/density";
import { useDescribeError } from "../../shared/errors";
import { EmptyState, TableSkeleton } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
import { UserTime } from "../../shared/UserTime";
import type { UptimeFormat } from "./format";
import { useBusinessCalendar } from "./queries";

// The service's mark for a calendar set before versions were kept: it governs from the start.
const FROM_THE_START = "0001-01";

/**
 * Every version of the account's business calendar, newest first: from which month it
 * applies, who changed it and when (4S-SLA). Account Managers see it; operators change it.
 */
export function CalendarVersions({ accountId, format }: { accountId: number; format: UptimeFormat }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const size = useTableSize();
  const history = useBusinessCalendar(accountId);
  const hours = (calendar: BusinessCalendarSettings) =>
    `${format.weekdays(calendar.days)} ${calendar.opens}–${calendar.closes} ${calendar.time_zone}`;

  return (
    <section className="card" aria-labelledby="uptime-calendar-versions-title">
      <h2 id="uptime-calendar-versions-title" className="card__title">
        {t("uptime.calendar.versions.title")}
      </h2>
      {history.isPending ? (
        <TableSkeleton columns={4} rows={3} label={t("app.loading")} />
      ) : history.isError ? (
        <p role="alert" className="form-error">
          {describe(history.error)}
        </p>
      ) : history.data.versions.length === 0 ? (
        <EmptyState title={t("uptime.calendar.versions.none", { hours: hours(history.data.in_force) })} next={t("uptime.calendar.versions.noneNext")} />
      ) : (
        <TableScroll>
          <Table size={size} className="uptime-table" aria-labelledby="uptime-calendar-versions-title">
            <TableHeader>
              <TableRow>
                {/* Newest first, as the service lists them. */}
                <TableHeaderCell scope="col" sortDirection="descending" aria-sort="descending">
                  {t("uptime.calendar.versions.from")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("uptime.calendar.versions.hours")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("uptime.calendar.versions.by")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("uptime.calendar.versions.at")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.data.versions.map((version) => (
                <TableRow key={version.effective_from}>
                  <TableHeaderCell scope="row">
                    {version.effective_from === FROM_THE_START ? t("uptime.calendar.versions.fromStart") : format.month(version.effective_from)}
                    {version.effective_from === history.data.month && <span className="muted">&nbsp;{t("uptime.calendar.versions.inForce")}</span>}
                    {version.effective_from > history.data.month && <span className="muted">&nbsp;{t("uptime.calendar.versions.coming")}</span>}
                  </TableHeaderCell>
                  <TableCell>{hours(version.calendar)}</TableCell>
                  <TableCell>{version.changed_by ?? t("uptime.calendar.versions.unknown")}</TableCell>
                  <TableCell>{version.changed_at ? <UserTime iso={version.changed_at} /> : t("uptime.calendar.versions.unknown")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}
