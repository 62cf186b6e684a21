import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, SlaMonth } from "../../bindings";
import { Button } from "../../shared/Button";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
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
  const [saved, setSaved] = useState(false);
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
      setOpen(false);
      setSaved(true);
    } catch {
      // Shown from the mutation's error below.
    }
  };

  return (
    <section className="card" aria-labelledby="uptime-calendar-title">
      <h2 id="uptime-calendar-title" className="card__title">
        {t("uptime.calendar.title")}
      </h2>
      {!open ? (
        <div className="row-actions">
          <p>{t("uptime.calendar.explain")}</p>
          {saved && <p role="status">{t("uptime.calendar.saved")}</p>}
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("uptime.calendar.change")}
          </Button>
        </div>
      ) : (
        <form className="note-form" onSubmit={submit} aria-label={t("uptime.calendar.title")}>
          <fieldset className="field">
            <legend className="field__label">{t("uptime.calendar.days")}</legend>
            {WEEK.map((day) => (
              <label key={day} className="inline-field">
                <input
                  type="checkbox"
                  checked={days.includes(day)}
                  onChange={(e) => setDays(e.target.checked ? [...days, day].sort((a, b) => a - b) : days.filter((d) => d !== day))}
                />
                {format.weekdays([day])}
              </label>
            ))}
            {fieldError("days") && <p className="field__error">{fieldError("days")}</p>}
          </fieldset>
          <Field type="time" label={t("uptime.calendar.opens")} value={opens} onChange={(e) => setOpens(e.target.value)} required error={fieldError("opens")} />
          <Field type="time" label={t("uptime.calendar.closes")} value={closes} onChange={(e) => setCloses(e.target.value)} required error={fieldError("closes")} />
          <Field label={t("uptime.calendar.zone")} hint={t("uptime.calendar.zoneHint")} value={zone} onChange={(e) => setZone(e.target.value)} required error={fieldError("time_zone")} />
          <FormError error={error} fields={FIELDS} />
          <div className="row-actions">
            <Button type="submit" busy={save.isPending}>
              {t("uptime.calendar.save")}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("uptime.monitors.cancel")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
