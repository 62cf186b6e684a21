import { useTranslation } from "react-i18next";
import type { BusinessCalendarSettings } from "../../bindings";
import { useDescribeError } from "../../shared/errors";
import { UserTime } from "../../shared/UserTime";
import type { UptimeFormat } from "./format";
import { useBusinessCalendar } from "./queries";
import { TableScroll } from "../../shared/TableScroll";

// The service's mark for a calendar set before versions were kept: it governs from the start.
const FROM_THE_START = "0001-01";

/**
 * Every version of the account's business calendar, newest first: from which month it
 * applies, who changed it and when (4S-SLA). Account Managers see it; operators change it.
 */
export function CalendarVersions({ accountId, format }: { accountId: number; format: UptimeFormat }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const history = useBusinessCalendar(accountId);
  const hours = (calendar: BusinessCalendarSettings) =>
    `${format.weekdays(calendar.days)} ${calendar.opens}–${calendar.closes} ${calendar.time_zone}`;

  return (
    <section className="card" aria-labelledby="uptime-calendar-versions-title">
      <h2 id="uptime-calendar-versions-title" className="card__title">
        {t("uptime.calendar.versions.title")}
      </h2>
      {history.isPending ? (
        <p className="muted" role="status">
          {t("app.loading")}
        </p>
      ) : history.isError ? (
        <p role="alert" className="form-error">
          {describe(history.error)}
        </p>
      ) : history.data.versions.length === 0 ? (
        <p>{t("uptime.calendar.versions.none", { hours: hours(history.data.in_force) })}</p>
      ) : (
        <TableScroll>
          <table className="table" aria-labelledby="uptime-calendar-versions-title">
            <thead>
              <tr>
                <th scope="col">{t("uptime.calendar.versions.from")}</th>
                <th scope="col">{t("uptime.calendar.versions.hours")}</th>
                <th scope="col">{t("uptime.calendar.versions.by")}</th>
                <th scope="col">{t("uptime.calendar.versions.at")}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.versions.map((version) => (
                <tr key={version.effective_from}>
                  <th scope="row">
                    {version.effective_from === FROM_THE_START ? t("uptime.calendar.versions.fromStart") : format.month(version.effective_from)}
                    {version.effective_from === history.data.month && <span className="muted"> {t("uptime.calendar.versions.inForce")}</span>}
                    {version.effective_from > history.data.month && <span className="muted"> {t("uptime.calendar.versions.coming")}</span>}
                  </th>
                  <td>{hours(version.calendar)}</td>
                  <td>{version.changed_by ?? t("uptime.calendar.versions.unknown")}</td>
                  <td>{version.changed_at ? <UserTime iso={version.changed_at} /> : t("uptime.calendar.versions.unknown")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
