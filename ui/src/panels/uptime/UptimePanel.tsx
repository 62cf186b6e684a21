import { Field, Select } from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Kept, Monitor, SessionView, UptimeView } from "../../bindings";
import { Button } from "../../shared/Button";
import { useDescribeError } from "../../shared/errors";
import { LoadError, OfflineNote } from "../../shared/OfflineNote";
import { EmptyState } from "../../shared/TableStates";
import { UserTime } from "../../shared/UserTime";
import { BusinessCalendar } from "./BusinessCalendar";
import { CalendarVersions } from "./CalendarVersions";
import { CompliancePack } from "./CompliancePack";
import { DailyBars } from "./DailyBars";
import { useUptimeFormat } from "./format";
import { Incidents } from "./Incidents";
import { LatencyChart } from "./LatencyChart";
import { Monitors } from "./Monitors";
import { useUptime } from "./queries";
import { SlaHistory } from "./SlaHistory";
import { ThisMonth } from "./ThisMonth";
import "./uptime.css";

// What the SLA clause counts in; a view without months (no monitor yet) still needs a zone.
const DEFAULT_ZONE = "Europe/Helsinki";

export function UptimePanel({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const [monitorId, setMonitorId] = useState<number | null>(null);
  const uptime = useUptime(monitorId);
  const view = uptime.data?.value;
  const isOperator = session.assignments.some((a) => a.role === "service_operator");
  const account = session.account?.id ?? null;
  // Only Service Operators change a calendar (4S-SLA); the service decides, this only hides the form.
  const setsCalendar = account !== null && isOperator;

  return (
    <section className="panel" aria-labelledby="panel-title">
      <div className="panel__header">
        <h1 id="panel-title" className="panel__title">
          {t("nav.uptime")}
        </h1>
        {view && (
          <div className="panel__tools">
            {view.monitors.length > 1 && (
              <MonitorPicker monitors={view.monitors} value={view.monitor_id} onChange={setMonitorId} />
            )}
            <Button variant="secondary" icon={<ArrowClockwiseRegular />} busy={uptime.isFetching} onClick={() => void uptime.refetch()}>
              {t("uptime.refresh")}
            </Button>
          </div>
        )}
      </div>
      {uptime.isPending ? (
        <p className="muted" role="status">
          {t("app.loading")}
        </p>
      ) : uptime.isError ? (
        <LoadError error={uptime.error}>
          <p role="alert" className="form-error">
            {describe(uptime.error)}
          </p>
        </LoadError>
      ) : (
        <UptimeBody kept={uptime.data} isOperator={isOperator} account={account} calendarAccount={setsCalendar ? account : null} />
      )}
    </section>
  );
}

function MonitorPicker({ monitors, value, onChange }: { monitors: Monitor[]; value: number; onChange: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t("uptime.monitor")} orientation="horizontal" className="uptime-picker">
      <Select value={String(value)} onChange={(_, data) => onChange(Number(data.value))}>
        {monitors.map((monitor) => (
          <option key={monitor.id} value={monitor.id}>
            {monitor.paused ? t("uptime.paused", { name: monitor.name }) : monitor.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

type BodyProps = { kept: Kept<UptimeView>; isOperator: boolean; account: number | null; calendarAccount: number | null };

function UptimeBody({ kept, isOperator, account, calendarAccount }: BodyProps) {
  const view = kept.value;
  const offline = kept.from_cache;
  const { t } = useTranslation();
  const format = useUptimeFormat();
  const [thisMonth] = view.history;
  const timeZone = thisMonth?.time_zone ?? DEFAULT_ZONE;
  return (
    <>
      <p className="panel__meta">
        <span>{t("uptime.region", { region: view.region })}</span>
        <span>
          {t("uptime.asOf")} <UserTime iso={kept.fetched_at ?? ""} />
        </span>
        <span>{t("uptime.timesIn", { zone: timeZone })}</span>
      </p>
      <OfflineNote kept={kept} />
      {thisMonth ? (
        <ThisMonth month={thisMonth} format={format} />
      ) : (
        <div className="card">
          <EmptyState title={t("uptime.noMonitor")} next={t("uptime.noMonitorNext")} />
        </div>
      )}
      {thisMonth && calendarAccount !== null && !offline && (
        <BusinessCalendar accountId={calendarAccount} month={thisMonth} format={format} />
      )}
      {account !== null && !offline && <CalendarVersions accountId={account} format={format} />}
      <DailyBars days={view.daily} format={format} timeZone={timeZone} />
      <LatencyChart monitorId={view.monitor_id} asOf={kept.fetched_at ?? ""} offline={offline} timeZone={timeZone} format={format} />
      <SlaHistory months={view.history} format={format} />
      <CompliancePack months={view.history} />
      <Incidents
        incidents={view.incidents}
        format={format}
        // The cached copy is read-only: notes are written to the service.
        annotate={isOperator && !offline ? { monitorId: view.monitor_id } : null}
      />
      {isOperator && !offline && <Monitors monitors={view.monitors} />}
    </>
  );
}
