import { useTranslation } from "react-i18next";
import type { IncidentView } from "../../bindings";
import { ZonedTime } from "../../shared/ZonedTime";
import type { UptimeFormat } from "./format";

type IncidentsProps = { incidents: IncidentView[]; timeZone: string; format: UptimeFormat };

export function Incidents({ incidents, timeZone, format }: IncidentsProps) {
  const { t } = useTranslation();
  const newestFirst = [...incidents].sort((a, b) => b.started_at.localeCompare(a.started_at));
  return (
    <section className="card" aria-labelledby="uptime-incidents-title">
      <h2 id="uptime-incidents-title" className="card__title">
        {t("uptime.incidentsTitle")}
      </h2>
      {newestFirst.length === 0 ? (
        <p className="muted">{t("uptime.noIncidents")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-labelledby="uptime-incidents-title">
            <thead>
              <tr>
                <th scope="col">{t("uptime.started")}</th>
                <th scope="col">{t("uptime.ended")}</th>
                <th scope="col" className="num">
                  {t("uptime.duration")}
                </th>
                <th scope="col" className="num">
                  {t("uptime.timeToFix")}
                </th>
                <th scope="col">{t("uptime.sameDay")}</th>
                <th scope="col">{t("uptime.note")}</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((incident) => (
                <tr key={incident.started_at}>
                  <td>
                    <ZonedTime iso={incident.started_at} timeZone={timeZone} />
                  </td>
                  <td>
                    {incident.ended_at === null ? (
                      <span className="badge badge--bad">{t("uptime.ongoing")}</span>
                    ) : (
                      <ZonedTime iso={incident.ended_at} timeZone={timeZone} />
                    )}
                  </td>
                  <td className="num">{incident.duration_s === null ? "—" : format.duration(incident.duration_s)}</td>
                  <td className="num">
                    {incident.time_to_fix_business_s === null ? "—" : format.duration(incident.time_to_fix_business_s)}
                  </td>
                  <td>
                    {incident.fixed_same_business_day === null ? (
                      "—"
                    ) : incident.fixed_same_business_day ? (
                      <span className="badge badge--good">{t("uptime.yes")}</span>
                    ) : (
                      <span className="badge badge--bad">{t("uptime.no")}</span>
                    )}
                  </td>
                  <td className={incident.note ? "note" : "note muted"}>{incident.note ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="legend-note">{t("uptime.incidentsNote")}</p>
    </section>
  );
}
