import luxonPlugin from "@fullcalendar/luxon3";
import dayGridPlugin from "@fullcalendar/daygrid";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { Badge, Link, MessageBar, MessageBarBody, useRestoreFocusTarget, type BadgeProps } from "@fluentui/react-components";
import { ArrowDownload20Regular, CalendarAdd20Regular, Edit20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MaintenanceStatus, MaintenanceWindow, MonthBudget, SessionView } from "../../bindings";
import { Button } from "../../shared/Button";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { useDescribeError } from "../../shared/errors";
import { LoadError, OfflineNote } from "../../shared/OfflineNote";
import { useNotify } from "../../shared/toast";
import { useNow } from "../../shared/useNow";
import { CalendarBoundary } from "./CalendarBoundary";
import { formatIn, HELSINKI, localDiffers, localZone, splitMinutes } from "./helsinki";
import { MaintenanceDialog } from "./MaintenanceDialog";
import { useCancelMaintenance, useCancelMaintenanceSeries, useExportMaintenance, useMaintenance } from "./queries";
import "./maintenance.css";

const BADGE: Record<MaintenanceStatus, NonNullable<BadgeProps["color"]>> = {
  scheduled: "brand",
  in_progress: "warning",
  completed: "success",
  cancelled: "subtle",
};

function StatusBadge({ status }: { status: MaintenanceStatus }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={BADGE[status]}>
      {t(`maintenance.status.${status}`)}
    </Badge>
  );
}

/** A notice or error at the top of a card; it has no title for the library to name it by. */
function Notice({ intent, role, children }: { intent: "info" | "error"; role: "alert" | "status"; children: string }) {
  return (
    <MessageBar layout="multiline" intent={intent} role={role} aria-labelledby={undefined}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

export function MaintenancePanel({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const describe = useDescribeError();
  const notify = useNotify();
  // The dialog opens without a trigger of the library's: focus returns to what opened it.
  const returnFocusHere = useRestoreFocusTarget();
  const overview = useMaintenance();
  const exporter = useExportMaintenance();
  const isOperator = session.assignments.some((a) => a.role === "service_operator");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<MaintenanceWindow | "new" | null>(null);
  const data = overview.data?.value;
  const selected = data?.windows.find((w) => w.id === selectedId) ?? null;

  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.maintenance")}
      </h1>
      {overview.error && (
        <LoadError error={overview.error}>
          <Notice intent="error" role="alert">
            {describe(overview.error)}
          </Notice>
        </LoadError>
      )}
      {data && (
        <>
          <OfflineNote kept={overview.data!} />
          <div className="maintenance-summary">
            <BudgetMeter label={t("maintenance.thisMonth")} budget={data.this_month} />
            <BudgetMeter label={t("maintenance.nextMonth")} budget={data.next_month} />
            <Countdown next={data.next_window} />
          </div>
          <div className="maintenance-toolbar">
            {isOperator && (
              <Button {...returnFocusHere} icon={<CalendarAdd20Regular />} onClick={() => setEditing("new")}>
                {t("maintenance.new")}
              </Button>
            )}
            <Button
              variant="secondary"
              icon={<ArrowDownload20Regular />}
              busy={exporter.isPending}
              onClick={() =>
                exporter.mutate(undefined, {
                  // No path: the save dialog was cancelled, and nothing was saved to say so about.
                  onSuccess: (path) => path && notify(t("maintenance.exported", { path })),
                })
              }
            >
              {t("maintenance.export")}
            </Button>
          </div>
          {exporter.error && (
            <Notice intent="error" role="alert">
              {describe(exporter.error)}
            </Notice>
          )}
          <div className="card maintenance-calendar">
            <CalendarBoundary
              fallback={(message) => (
                <Notice intent="error" role="alert">
                  {t("maintenance.calendarFailed", { message })}
                </Notice>
              )}
            >
              <FullCalendar
                plugins={[dayGridPlugin, timeGridPlugin, listPlugin, luxonPlugin]}
                timeZone={HELSINKI}
                initialView="dayGridMonth"
                firstDay={1}
                height="auto"
                headerToolbar={{ left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek,listMonth" }}
                // Words, not FullCalendar's icon-font chevrons: those are images with no
                // text alternative (axe-core's role-img-alt).
                buttonIcons={false}
                buttonText={{
                  prev: t("maintenance.previousPeriod"),
                  next: t("maintenance.nextPeriod"),
                  today: t("maintenance.today"),
                  month: t("maintenance.month"),
                  week: t("maintenance.week"),
                  list: t("maintenance.list"),
                }}
                events={data.windows.map((w) => ({
                  id: String(w.id),
                  title: w.title,
                  start: w.starts_at,
                  end: w.ends_at,
                  // An empty class name would make the browser's classList throw.
                  classNames: [`maintenance-event--${w.status}`, ...(w.routine ? [] : ["maintenance-event--daytime"])],
                }))}
                eventClick={(info) => setSelectedId(Number(info.event.id))}
                // FullCalendar names a day cell by its day number alone, while the cell shows
                // that day's windows too (axe-core's label-content-name-mismatch): read from
                // its content, the cell's name says both.
                dayCellDidMount={(info) => info.el.removeAttribute("aria-labelledby")}
                // The grid reads in Helsinki; hovering an event gives the user's own clock.
                eventDidMount={(info) => {
                  const start = info.event.start?.toISOString();
                  if (start && localDiffers(start)) {
                    info.el.title = t("maintenance.yourTimeShort", { time: formatIn(start, localZone(), i18n.language) });
                  }
                }}
              />
            </CalendarBoundary>
          </div>
          <WindowList windows={data.windows} onSelect={setSelectedId} />
          {selected && (
            <WindowDetails
              window={selected}
              canEdit={isOperator && selected.status === "scheduled"}
              onEdit={() => setEditing(selected)}
              editProps={returnFocusHere}
            />
          )}
        </>
      )}
      {editing && <MaintenanceDialog window={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const [d, h, m] = splitMinutes(minutes);
    const hours = d * 24 + h;
    if (hours === 0) return t("maintenance.minutes", { m });
    return m === 0 ? t("maintenance.hours", { h: hours }) : t("maintenance.hoursMinutes", { h: hours, m });
  };
}

function BudgetMeter({ label, budget }: { label: string; budget: MonthBudget }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const month = new Date(Date.UTC(budget.year, budget.month - 1, 15)).toLocaleString("en", {
    month: "long",
    year: "numeric",
  });
  return (
    <div className="card maintenance-budget">
      <h2 className="card__title">
        {label}: {month}
      </h2>
      <meter
        aria-label={t("maintenance.budgetLabel", { month })}
        min={0}
        max={budget.cap_minutes}
        high={budget.cap_minutes * 0.85}
        value={budget.used_minutes}
      />
      <p>{t("maintenance.used", { used: duration(budget.used_minutes), cap: duration(budget.cap_minutes) })}</p>
    </div>
  );
}

function Countdown({ next }: { next: MaintenanceWindow | null }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  if (!next) return <p className="card maintenance-budget">{t("maintenance.noneUpcoming")}</p>;
  const [d, h, m] = splitMinutes((Date.parse(next.starts_at) - now) / 60_000);
  return (
    <div className="card maintenance-budget" role="timer" aria-label={t("maintenance.countdownLabel")}>
      <h2 className="card__title">{t("maintenance.next", { title: next.title })}</h2>
      <p>{t("maintenance.startsIn", { d, h, m })}</p>
    </div>
  );
}

function Times({ window: w }: { window: MaintenanceWindow }) {
  const { t, i18n } = useTranslation();
  const zone = localZone();
  return (
    <>
      <dt>{t("maintenance.helsinkiTime")}</dt>
      <dd>
        {formatIn(w.starts_at, HELSINKI, i18n.language)} – {formatIn(w.ends_at, HELSINKI, i18n.language)}
      </dd>
      {localDiffers(w.starts_at, zone) && (
        <>
          <dt>{t("maintenance.yourTime", { zone })}</dt>
          <dd>
            {formatIn(w.starts_at, zone, i18n.language)} – {formatIn(w.ends_at, zone, i18n.language)}
          </dd>
        </>
      )}
    </>
  );
}

function WindowList({ windows, onSelect }: { windows: MaintenanceWindow[]; onSelect: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const zone = localZone();
  const upcoming = windows.filter((w) => w.status === "scheduled" || w.status === "in_progress");
  return (
    <div className="card">
      <h2 className="card__title">{t("maintenance.upcoming")}</h2>
      {upcoming.length === 0 ? (
        <p className="muted">{t("maintenance.noneUpcoming")}</p>
      ) : (
        <ul className="maintenance-list" aria-label={t("maintenance.upcoming")}>
          {upcoming.map((w) => (
            <li key={w.id}>
              <Link as="button" onClick={() => onSelect(w.id)}>
                {w.title}
              </Link>{" "}
              {formatIn(w.starts_at, HELSINKI, i18n.language)}
              {localDiffers(w.starts_at, zone) && (
                <span className="muted"> · {t("maintenance.yourTimeShort", { time: formatIn(w.starts_at, zone, i18n.language) })}</span>
              )}{" "}
              <StatusBadge status={w.status} />
              {!w.routine && (
                <Badge appearance="outline" color="warning">
                  {t("maintenance.daytime")}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function WindowDetails(props: {
  window: MaintenanceWindow;
  canEdit: boolean;
  onEdit: () => void;
  editProps: ReturnType<typeof useRestoreFocusTarget>;
}) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const notify = useNotify();
  const cancel = useCancelMaintenance();
  const cancelSeries = useCancelMaintenanceSeries();
  const w = props.window;
  const error = cancel.error ?? cancelSeries.error;
  const busy = cancel.isPending || cancelSeries.isPending;
  const cancelled = (message: string) => ({ onSuccess: () => notify(message) });
  return (
    <div className="card" role="region" aria-label={w.title}>
      <h2 className="card__title">{w.title}</h2>
      <dl className="facts">
        <dt>{t("maintenance.statusLabel")}</dt>
        <dd>
          <StatusBadge status={w.status} />
        </dd>
        <Times window={w} />
        <dt>{t("maintenance.impact")}</dt>
        <dd>{w.impact || "—"}</dd>
        <dt>{t("maintenance.components")}</dt>
        <dd>{w.affected_components.join(", ") || "—"}</dd>
        {w.series_id !== null && (
          <>
            <dt>{t("maintenance.repeatsLabel")}</dt>
            <dd>{w.recurrence ?? t("maintenance.inSeries")}</dd>
          </>
        )}
      </dl>
      {w.description && <p>{w.description}</p>}
      {props.canEdit && (
        <div className="maintenance-toolbar">
          <Button {...props.editProps} icon={<Edit20Regular />} onClick={props.onEdit}>
            {t("maintenance.edit")}
          </Button>
          <ConfirmButton
            title={t("maintenance.cancelWindowTitle")}
            question={t("maintenance.cancelWindowQuestion", { title: w.title })}
            busy={busy}
            onConfirm={() => cancel.mutate(w.id, cancelled(t("maintenance.cancelledWindow", { title: w.title })))}
          >
            {t("maintenance.cancelWindow")}
          </ConfirmButton>
          {w.series_id !== null && (
            <>
              <ConfirmButton
                title={t("maintenance.cancelFollowingTitle")}
                question={t("maintenance.cancelFollowingQuestion", { title: w.title })}
                busy={busy}
                onConfirm={() =>
                  cancelSeries.mutate({ id: w.id, scope: "following" }, cancelled(t("maintenance.cancelledFollowing", { title: w.title })))
                }
              >
                {t("maintenance.cancelFollowing")}
              </ConfirmButton>
              <ConfirmButton
                title={t("maintenance.cancelSeriesTitle")}
                question={t("maintenance.cancelSeriesQuestion", { title: w.title })}
                busy={busy}
                onConfirm={() => cancelSeries.mutate({ id: w.id, scope: "all" }, cancelled(t("maintenance.cancelledSeries", { title: w.title })))}
              >
                {t("maintenance.cancelSeries")}
              </ConfirmButton>
            </>
          )}
        </div>
      )}
      {error && (
        <Notice intent="error" role="alert">
          {describe(error)}
        </Notice>
      )}
    </div>
  );
}
