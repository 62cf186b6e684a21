import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, IncidentView } from "../../bindings";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { UserTime } from "../../shared/UserTime";
import type { UptimeFormat } from "./format";
import { useAnnotateIncident } from "./queries";
import { TableScroll } from "../../shared/TableScroll";

type IncidentsProps = {
  incidents: IncidentView[];
  format: UptimeFormat;
  /** Set for Service Operators, who annotate incidents of this monitor. */
  annotate: { monitorId: number } | null;
};

export function Incidents({ incidents, format, annotate }: IncidentsProps) {
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
        <TableScroll>
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
                    <UserTime iso={incident.started_at} />
                  </td>
                  <td>
                    {incident.ended_at === null ? (
                      <span className="badge badge--bad">{t("uptime.ongoing")}</span>
                    ) : (
                      <UserTime iso={incident.ended_at} />
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
                  <td className={incident.note ? "note" : "note muted"}>
                    {annotate ? <NoteEditor monitorId={annotate.monitorId} incident={incident} /> : (incident.note ?? "—")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="legend-note">{t("uptime.incidentsNote")}</p>
    </section>
  );
}

function NoteEditor({ monitorId, incident }: { monitorId: number; incident: IncidentView }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useAnnotateIncident();
  if (draft === null) {
    return (
      <>
        {incident.note ?? "—"}{" "}
        <Button variant="quiet" onClick={() => setDraft(incident.note ?? "")}>
          {incident.note ? t("uptime.editNote") : t("uptime.addNote")}
        </Button>
      </>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({ monitorId, startedAt: incident.started_at, note: draft });
      setDraft(null);
    } catch {
      // Shown from the mutation's error below.
    }
  };
  return (
    <form className="note-form" onSubmit={submit}>
      <label htmlFor={id}>{t("uptime.noteLabel")}</label>
      <textarea id={id} value={draft} maxLength={2000} required onChange={(event) => setDraft(event.target.value)} />
      <FormError error={(save.error ?? null) as CommandError | null} fields={[]} />
      <div className="row-actions">
        <Button type="submit" busy={save.isPending}>
          {t("uptime.saveNote")}
        </Button>
        <Button variant="secondary" onClick={() => setDraft(null)}>
          {t("uptime.monitors.cancel")}
        </Button>
      </div>
    </form>
  );
}
