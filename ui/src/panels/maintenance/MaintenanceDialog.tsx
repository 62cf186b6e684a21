import {
  Field as FluentField,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  type MessageBarProps,
} from "@fluentui/react-components";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { MaintenanceCheck, CommandError, MaintenanceDraft, MaintenanceWindow, SeriesScope, Violation } from "../../bindings";
import { Button } from "../../shared/Button";
import { Dialog } from "../../shared/Dialog";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import { fromHelsinkiInput, toHelsinkiInput } from "./helsinki";
import { useCreateMaintenance, useMaintenanceCheck, useUpdateMaintenance, useUpdateMaintenanceSeries } from "./queries";
import { ruleFor, type Repeat, REPEATS, startParts } from "./repeat";

const FIELDS = ["title", "starts_at", "ends_at", "recurrence", "affected_components"] as const;

/** What an edit of a series occurrence applies to; "one" is the occurrence alone. */
type EditScope = "one" | SeriesScope;

/** Waits until typing pauses, so the live check does not run on every keystroke. */
function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Violations({ violations, label }: { violations: Violation[]; label: string }) {
  if (violations.length === 0) return null;
  return (
    <ul aria-label={label} className="maintenance-violations">
      {violations.map((v) => (
        <li key={`${v.clause}:${v.message}`}>
          <strong>{v.clause}</strong>: {v.message}
        </li>
      ))}
    </ul>
  );
}

/** The live rule check: green within the rules, amber for business hours, red for a broken rule. */
function CheckNotice({ check }: { check: MaintenanceCheck }) {
  const { t } = useTranslation();
  const intent: MessageBarProps["intent"] = check.violations.length > 0 ? "error" : check.routine ? "success" : "warning";
  return (
    <MessageBar layout="multiline" intent={intent} role="status" aria-labelledby={undefined} aria-label={t("maintenance.checkLabel")}>
      <MessageBarBody>
        <p>
          {check.routine ? t("maintenance.routine") : t("maintenance.daytimeNotice")}
          {check.occurrences > 1 && <> {t("maintenance.occurrences", { n: check.occurrences })}</>}
        </p>
        {check.violations.length === 0 && <p>{t("maintenance.rulesOk")}</p>}
        <Violations violations={check.violations} label={t("maintenance.wouldBreak")} />
      </MessageBarBody>
    </MessageBar>
  );
}

export function MaintenanceDialog({ window: existing, onClose }: { window: MaintenanceWindow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const formId = useId();
  const [title, setTitle] = useState(existing?.title ?? "");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [impact, setImpact] = useState(existing?.impact ?? "");
  const [components, setComponents] = useState(existing?.affected_components.join(", ") ?? "");
  const [starts, setStarts] = useState(existing ? toHelsinkiInput(existing.starts_at) : "");
  const [ends, setEnds] = useState(existing ? toHelsinkiInput(existing.ends_at) : "");
  const [repeatKind, setRepeatKind] = useState<Repeat>("none");
  const [count, setCount] = useState("6");
  const [custom, setCustom] = useState("");
  const [scope, setScope] = useState<EditScope>("one");
  const create = useCreateMaintenance();
  const update = useUpdateMaintenance();
  const updateSeries = useUpdateMaintenanceSeries();
  const startsAt = fromHelsinkiInput(starts);
  const endsAt = fromHelsinkiInput(ends);
  const rule = existing ? "" : ruleFor(repeatKind, starts, Number(count), custom);
  const repeat = rule ? { recurrence: rule } : {};
  const inSeries = existing?.series_id != null;
  const seriesScope = inSeries && scope !== "one" ? { scope } : {};
  const draft: MaintenanceDraft | null =
    startsAt && endsAt ? { id: existing?.id ?? null, starts_at: startsAt, ends_at: endsAt, ...repeat, ...seriesScope } : null;
  const check = useMaintenanceCheck(useSettled(draft));
  const error = (create.error ?? update.error ?? updateSeries.error ?? check.error ?? null) as CommandError | null;
  const fieldError = useFieldError(error);
  const refused = error?.kind === "policy_violation" ? error.violations : [];
  const busy = create.isPending || update.isPending || updateSeries.isPending;
  const start = startParts(starts);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!startsAt || !endsAt) return;
    const affected_components = components
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      const patch = { title, description, impact, affected_components, starts_at: startsAt, ends_at: endsAt };
      if (existing && scope !== "one" && inSeries) {
        await updateSeries.mutateAsync({ id: existing.id, patch: { scope, ...patch } });
        notify(t("maintenance.changedSeries", { title }));
      } else if (existing) {
        await update.mutateAsync({ id: existing.id, patch });
        notify(t("maintenance.changed", { title }));
      } else {
        await create.mutateAsync({
          title,
          description,
          impact,
          affected_components,
          starts_at: startsAt,
          ends_at: endsAt,
          ...repeat,
        });
        notify(t("maintenance.scheduled", { title }));
      }
      onClose();
    } catch {
      // Shown from the mutation's error below.
    }
  };

  return (
    <Dialog
      title={existing ? t("maintenance.editTitle") : t("maintenance.newTitle")}
      onClose={onClose}
      actions={
        <>
          <Button type="submit" form={formId} busy={busy} disabled={!draft}>
            {existing ? t("maintenance.save") : t("maintenance.schedule")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("common.cancel")}
          </Button>
        </>
      }
    >
      <form id={formId} className="maintenance-form" onSubmit={submit}>
        <Field label={t("maintenance.titleField")} value={title} onChange={(e) => setTitle(e.target.value)} required error={fieldError("title")} />
        <FluentField label={t("maintenance.description")}>
          <Textarea rows={2} resize="vertical" value={description} onChange={(_, data) => setDescription(data.value)} />
        </FluentField>
        <Field label={t("maintenance.impact")} value={impact} onChange={(e) => setImpact(e.target.value)} />
        <Field
          label={t("maintenance.components")}
          hint={t("maintenance.componentsHint")}
          value={components}
          onChange={(e) => setComponents(e.target.value)}
          error={fieldError("affected_components")}
        />
        <div className="maintenance-form__pair">
          <Field
            type="datetime-local"
            label={t("maintenance.starts")}
            value={starts}
            onChange={(e) => setStarts(e.target.value)}
            required
            error={fieldError("starts_at")}
          />
          <Field
            type="datetime-local"
            label={t("maintenance.ends")}
            value={ends}
            onChange={(e) => setEnds(e.target.value)}
            required
            error={fieldError("ends_at")}
          />
        </div>
        {!existing && (
          <FluentField label={t("maintenance.repeat")}>
            <Select value={repeatKind} onChange={(_, data) => setRepeatKind(data.value as Repeat)}>
              {REPEATS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`maintenance.repeats.${kind}`, {
                    weekday: start ? t(`maintenance.weekdays.${start.weekday}`) : "",
                    nth: start ? t(`maintenance.ordinals.${start.nth}`) : "",
                  })}
                </option>
              ))}
            </Select>
          </FluentField>
        )}
        {!existing && repeatKind !== "none" && repeatKind !== "custom" && (
          <Field
            type="number"
            min={2}
            max={100}
            label={t("maintenance.count")}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            error={fieldError("recurrence")}
          />
        )}
        {!existing && repeatKind === "custom" && (
          <Field
            label={t("maintenance.recurrence")}
            hint={t("maintenance.recurrenceHint")}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            error={fieldError("recurrence")}
          />
        )}
        {inSeries && (
          <FluentField label={t("maintenance.applyTo")}>
            <RadioGroup value={scope} onChange={(_, data) => setScope(data.value as EditScope)}>
              {(["one", "following", "all"] as const).map((s) => (
                <Radio key={s} value={s} label={t(`maintenance.scopes.${s}`)} />
              ))}
            </RadioGroup>
          </FluentField>
        )}
        {check.data && <CheckNotice check={check.data} />}
        {refused.length > 0 && (
          <MessageBar layout="multiline" intent="error" role="alert" aria-labelledby={undefined}>
            <MessageBarBody>
              <Violations violations={refused} label={t("maintenance.refused")} />
            </MessageBarBody>
          </MessageBar>
        )}
        {error?.kind !== "policy_violation" && <FormError error={error} fields={FIELDS} />}
      </form>
    </Dialog>
  );
}
