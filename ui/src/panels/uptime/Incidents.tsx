import { Badge, Field, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, IncidentView } from "../../bindings";
import { Button } from "../../shared/Button";
import { useTableSize } from "../../shared/density";
import { FormError } from "../../shared/errors";
import { EmptyState } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
import { useNotify } from "../../shared/toast";
import { UserTime } from "../../shared/UserTime";
import type { UptimeFormat } from "./format";
import { useAnnotateIncident } from "./queries";

type IncidentsProps = {
  incidents: IncidentView[];
  format: UptimeFormat;
  /** Set for Service Operators, who annotate incidents of this monitor. */
  annotate: { monitorId: number } | null;
};

type SortColumn = "started" | "duration" | "fix";
type Sort = { column: SortColumn; direction: "ascending" | "descending" };

// An ongoing incident has no duration yet: it sorts as the longest, since it is still growing.
const KEY: Record<SortColumn, (incident: IncidentView) => string | number> = {
  started: (incident) => incident.started_at,
  duration: (incident) => incident.duration_s ?? Number.POSITIVE_INFINITY,
  fix: (incident) => incident.time_to_fix_business_s ?? Number.POSITIVE_INFINITY,
};

/** The columns in the order each row writes its cells; `sort` names the key a header sorts by. */
const COLUMNS: { label: "started" | "ended" | "duration" | "timeToFix" | "sameDay" | "note"; sort?: SortColumn; number?: true }[] = [
  { label: "started", sort: "started" },
  { label: "ended" },
  { label: "duration", sort: "duration", number: true },
  { label: "timeToFix", sort: "fix", number: true },
  { label: "sameDay" },
  { label: "note" },
];

function sorted(incidents: IncidentView[], { column, direction }: Sort): IncidentView[] {
  const key = KEY[column];
  const sign = direction === "ascending" ? 1 : -1;
  return [...incidents].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    // Ties keep the newest first.
    return sign * order || b.started_at.localeCompare(a.started_at);
  });
}

export function Incidents({ incidents, format, annotate }: IncidentsProps) {
  const { t } = useTranslation();
  const size = useTableSize();
  const [sort, setSort] = useState<Sort>({ column: "started", direction: "descending" });
  const rows = sorted(incidents, sort);
  const header = (column: SortColumn) => ({
    sortable: true,
    ...(sort.column === column && { sortDirection: sort.direction }),
    onClick: () =>
      setSort((current) =>
        current.column === column
          ? { column, direction: current.direction === "ascending" ? "descending" : "ascending" }
          : { column, direction: column === "started" ? "descending" : "ascending" },
      ),
  });
  return (
    <section className="card" aria-labelledby="uptime-incidents-title">
      <h2 id="uptime-incidents-title" className="card__title">
        {t("uptime.incidentsTitle")}
      </h2>
      {rows.length === 0 ? (
        <EmptyState title={t("uptime.noIncidents")} next={t("uptime.noIncidentsNext")} />
      ) : (
        <TableScroll>
          <Table size={size} sortable className="uptime-table" aria-labelledby="uptime-incidents-title">
            <TableHeader>
              <TableRow>
                {COLUMNS.map(({ label, sort: by, number }) => (
                  <TableHeaderCell
                    key={label}
                    scope="col"
                    className={number ? "uptime-num" : undefined}
                    {...(by ? header(by) : { sortable: false })}
                  >
                    {t(`uptime.${label}`)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((incident) => (
                <TableRow key={incident.started_at}>
                  <TableCell>
                    <UserTime iso={incident.started_at} />
                  </TableCell>
                  <TableCell>
                    {incident.ended_at === null ? (
                      <Badge color="danger" appearance="filled" shape="rounded">
                        {t("uptime.ongoing")}
                      </Badge>
                    ) : (
                      <UserTime iso={incident.ended_at} />
                    )}
                  </TableCell>
                  <TableCell className="uptime-num">{incident.duration_s === null ? "—" : format.duration(incident.duration_s)}</TableCell>
                  <TableCell className="uptime-num">
                    {incident.time_to_fix_business_s === null ? "—" : format.duration(incident.time_to_fix_business_s)}
                  </TableCell>
                  <TableCell>
                    {incident.fixed_same_business_day === null ? (
                      "—"
                    ) : incident.fixed_same_business_day ? (
                      <Badge color="success" appearance="tint" shape="rounded">
                        {t("uptime.yes")}
                      </Badge>
                    ) : (
                      <Badge color="danger" appearance="tint" shape="rounded">
                        {t("uptime.no")}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className={incident.note ? "uptime-note" : "uptime-note muted"}>
                    {annotate ? <NoteEditor monitorId={annotate.monitorId} incident={incident} /> : (incident.note ?? "—")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <p className="legend-note">{t("uptime.incidentsNote")}</p>
    </section>
  );
}

function NoteEditor({ monitorId, incident }: { monitorId: number; incident: IncidentView }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useAnnotateIncident();
  if (draft === null) {
    return (
      <span className="uptime-note__text">
        {incident.note ?? "—"}
        <Button variant="quiet" onClick={() => setDraft(incident.note ?? "")}>
          {incident.note ? t("uptime.editNote") : t("uptime.addNote")}
        </Button>
      </span>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({ monitorId, startedAt: incident.started_at, note: draft });
      setDraft(null);
      notify(t("uptime.noteSaved"));
    } catch {
      // Shown from the mutation's error below.
    }
  };
  return (
    <form className="uptime-note-form" onSubmit={submit}>
      <Field label={t("uptime.noteLabel")}>
        <Textarea value={draft} maxLength={2000} required resize="vertical" onChange={(_, data) => setDraft(data.value)} />
      </Field>
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
