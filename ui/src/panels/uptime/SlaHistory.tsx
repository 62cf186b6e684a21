import { useTranslation } from "react-i18next";
import type { SlaMonth } from "../../bindings";
import type { UptimeFormat } from "./format";
import { StatusBadge, statusOf } from "./StatusBadge";
import { TableScroll } from "../../shared/TableScroll";

export function SlaHistory({ months, format }: { months: SlaMonth[]; format: UptimeFormat }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="uptime-history-title">
      <h2 id="uptime-history-title" className="card__title">
        {t("uptime.historyTitle", { months: months.length })}
      </h2>
      <TableScroll>
        <table className="table" aria-labelledby="uptime-history-title">
          <thead>
            <tr>
              <th scope="col">{t("uptime.month")}</th>
              <th scope="col" className="num">
                {t("uptime.uptime")}
              </th>
              <th scope="col" className="num">
                {t("uptime.bestCase")}
              </th>
              <th scope="col" className="num">
                {t("uptime.downtime")}
              </th>
              <th scope="col" className="num">
                {t("uptime.allowed")}
              </th>
              <th scope="col" className="num">
                {t("uptime.maintenance")}
              </th>
              <th scope="col" className="num">
                {t("uptime.unmonitored")}
              </th>
              <th scope="col">{t("uptime.compliantColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month, index) => (
              <tr key={month.month} className={statusOf(month) === "breached" ? "row--breach" : undefined}>
                <th scope="row">
                  {format.month(month.month)}
                  {index === 0 && <span className="muted"> {t("uptime.inProgress")}</span>}
                </th>
                <td className="num">{format.ratio(month.uptime_ratio)}</td>
                <td className="num">{format.ratio(month.uptime_ratio_best)}</td>
                <td className="num">{format.duration(month.down_s)}</td>
                <td className="num">{format.duration(month.allowed_downtime_s)}</td>
                <td className="num">{format.duration(month.maintenance_s)}</td>
                <td className="num">{format.duration(month.unmonitored_s)}</td>
                <td>
                  <StatusBadge month={month} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
