import { Checkbox } from "@fluentui/react-components";
import { CalendarEditRegular } from "@fluentui/react-icons";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, SlaMonth } from "../../bindings";
import { Button } from "../../shared/Button";
import { Dialog } from "../../shared/Dialog";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import type { UptimeFormat } from "./format";
import { useSaveBusinessCalendar } from "./queries";

const FIELDS = ["time_zone", "days", "opens", "closes"] as const;
const WEEK = [1, 2, 3, 4, 5, 6, 7];

/**
 * The account's business calendar, which its SLA is measured in, for the operators who set
 * it. A change applies from next month: the figures shown now do not move.
 */
export function BusinessCalendar({ accountId, month, format }: { accountId: number; month: SlaMonth; format: UptimeFormat }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby="uptime-calendar-title">
      <h2 id="uptime-calendar-title" className="card__title">
        {t("uptime.calendar.title")}
      </h2>
      <div className="row-actions">
        <p>{t("uptime.calendar.explain")}</p>
        <Button
          variant="secondary"
          icon={<CalendarEditRegular />}
          onClick={() => setOpen(true)}
        >
          {t("uptime.calendar.change")}
        </Button>
      </div>
      {open && (
        <CalendarDialog
          accountId={accountId}
          month={month}
          format={format}
          onClose={() => setOpen(false)}
        />
      )}
    </section>
  );
}

type CalendarDialogProps = { accountId: number; month: SlaMonth; format: UptimeFormat; onClose: () => void };

function CalendarDialog({ accountId, month, format, onClose }: CalendarDialogProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const formId = useId();
  const daysError = useId();
  const [days, setDays] = useState<number[]>(month.business_days.length > 0 ? month.business_days : [1, 2, 3, 4, 5]);
  const [opens, setOpens] = useState(month.business_opens || "07:00");
  const [closes, setCloses] = useState(month.business_closes || "20:00");
  const [zone, setZone] = useState(month.time_zone);
  const save = useSaveBusinessCalendar();
  const error = (save.error ?? null) as CommandError | null;
  const fieldError = useFieldError(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({ accountId, calendar: { time_zone: zone, days, opens, closes } });
      notify(t("uptime.calendar.saved"));
      onClose();
    } catch {
      // Shown from the mutation's error, at its field or under the form.
    }
  };

  return (
    <Dialog
      title={t("uptime.calendar.title")}
      onClose={onClose}
      actions={
        <>
          <Button type="submit" form={formId} busy={save.isPending}>
            {t("uptime.calendar.save")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("uptime.monitors.cancel")}
          </Button>
        </>
      }
    >
      <form id={formId} className="uptime-form" onSubmit={submit}>
        <p className="legend-note">{t("uptime.calendar.fromNextMonth")}</p>
        <fieldset className="uptime-days" aria-describedby={fieldError("days") ? daysError : undefined}>
          <legend>{t("uptime.calendar.days")}</legend>
          {WEEK.map((day) => (
            <Checkbox
              key={day}
              label={format.weekdays([day])}
              checked={days.includes(day)}
              onChange={(_, data) => setDays(data.checked === true ? [...days, day].sort((a, b) => a - b) : days.filter((d) => d !== day))}
            />
          ))}
          {fieldError("days") && (
            <p id={daysError} role="alert" className="field__error">
              {fieldError("days")}
            </p>
          )}
        </fieldset>
        <Field type="time" label={t("uptime.calendar.opens")} value={opens} onChange={(e) => setOpens(e.target.value)} required error={fieldError("opens")} />
        <Field type="time" label={t("uptime.calendar.closes")} value={closes} onChange={(e) => setCloses(e.target.value)} required error={fieldError("closes")} />
        <Field
          label={t("uptime.calendar.zone")}
          hint={t("uptime.calendar.zoneHint")}
          value={zone}
          onChange={(e) => setZone(e.target.value)}
          required
          error={fieldError("time_zone")}
        />
        <FormError error={error} fields={FIELDS} />
      </form>
    </Dialog>
  );
}
