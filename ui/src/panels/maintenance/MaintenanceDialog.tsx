import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, MaintenanceDraft, MaintenanceWindow, Violation } from "../../bindings";
import { Button } from "../../shared/Button";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { fromHelsinkiInput, toHelsinkiInput } from "./helsinki";
import { useCreateMaintenance, useMaintenanceCheck, useUpdateMaintenance } from "./queries";

const FIELDS = ["title", "starts_at", "ends_at", "recurrence", "affected_components"] as const;

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
    <ul aria-label={label} className="form-error">
      {violations.map((v) => (
        <li key={`${v.clause}:${v.message}`}>
          <strong>{v.clause}</strong>: {v.message}
        </li>
      ))}
    </ul>
  );
}

export function MaintenanceDialog({ window: existing, onClose }: { window: MaintenanceWindow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(existing?.title ?? "");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [impact, setImpact] = useState(existing?.impact ?? "");
  const [components, setComponents] = useState(existing?.affected_components.join(", ") ?? "");
  const [starts, setStarts] = useState(existing ? toHelsinkiInput(existing.starts_at) : "");
  const [ends, setEnds] = useState(existing ? toHelsinkiInput(existing.ends_at) : "");
  const [recurrence, setRecurrence] = useState("");
  const create = useCreateMaintenance();
  const update = useUpdateMaintenance();
  const startsAt = fromHelsinkiInput(starts);
  const endsAt = fromHelsinkiInput(ends);
  const rule = recurrence.trim();
  const repeat = rule ? { recurrence: rule } : {};
  const draft: MaintenanceDraft | null =
    startsAt && endsAt ? { id: existing?.id ?? null, starts_at: startsAt, ends_at: endsAt, ...repeat } : null;
  const check = useMaintenanceCheck(useSettled(draft));
  const error = (create.error ?? update.error ?? check.error ?? null) as CommandError | null;
  const fieldError = useFieldError(error);
  const refused = error?.kind === "policy_violation" ? error.violations : [];
  const busy = create.isPending || update.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!startsAt || !endsAt) return;
    const affected_components = components
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      if (existing) {
        await update.mutateAsync({
          id: existing.id,
          patch: { title, description, impact, affected_components, starts_at: startsAt, ends_at: endsAt },
        });
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
      }
      onClose();
    } catch {
      // Shown from the mutation's error below.
    }
  };

  const heading = existing ? t("maintenance.editTitle") : t("maintenance.newTitle");
  return (
    <div role="dialog" aria-modal="true" aria-label={heading} className="dialog">
      <form className="card dialog__body" onSubmit={submit} aria-label={heading}>
        <h2 className="card__title">{heading}</h2>
        <Field label={t("maintenance.titleField")} value={title} onChange={(e) => setTitle(e.target.value)} required error={fieldError("title")} />
        <Field label={t("maintenance.description")} value={description} onChange={(e) => setDescription(e.target.value)} />
        <Field label={t("maintenance.impact")} value={impact} onChange={(e) => setImpact(e.target.value)} />
        <Field
          label={t("maintenance.components")}
          hint={t("maintenance.componentsHint")}
          value={components}
          onChange={(e) => setComponents(e.target.value)}
          error={fieldError("affected_components")}
        />
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
        {!existing && (
          <Field
            label={t("maintenance.recurrence")}
            hint={t("maintenance.recurrenceHint")}
            value={recurrence}
            onChange={(e) => setRecurrence(e.target.value)}
            error={fieldError("recurrence")}
          />
        )}
        {check.data && (
          <div role="status" aria-label={t("maintenance.checkLabel")}>
            <p>
              {check.data.routine ? t("maintenance.routine") : t("maintenance.daytimeNotice")}
              {check.data.occurrences > 1 && <> {t("maintenance.occurrences", { n: check.data.occurrences })}</>}
            </p>
            {check.data.violations.length === 0 && <p>{t("maintenance.rulesOk")}</p>}
            <Violations violations={check.data.violations} label={t("maintenance.wouldBreak")} />
          </div>
        )}
        <Violations violations={refused} label={t("maintenance.refused")} />
        {error?.kind !== "policy_violation" && <FormError error={error} fields={FIELDS} />}
        <div className="maintenance-actions">
          <Button type="submit" busy={busy} disabled={!draft}>
            {existing ? t("maintenance.save") : t("maintenance.schedule")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("maintenance.close")}
          </Button>
        </div>
      </form>
    </div>
  );
}
