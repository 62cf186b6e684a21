import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, Monitor, MonitorKind } from "../../bindings";
import { Button } from "../../shared/Button";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { useCreateMonitor, useDeleteMonitor, useUpdateMonitor } from "./queries";
import { TableScroll } from "../../shared/TableScroll";

const FIELDS = ["name", "target", "interval_s", "grace_s"] as const;

/** Service Operators' list of monitors: add, edit, pause or resume, delete. */
export function Monitors({ monitors }: { monitors: Monitor[] }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Monitor | "new" | null>(null);
  const update = useUpdateMonitor();
  const remove = useDeleteMonitor();
  const [confirming, setConfirming] = useState<number | null>(null);
  const error = (update.error ?? remove.error ?? null) as CommandError | null;

  return (
    <section className="card" aria-labelledby="uptime-monitors-title">
      <h2 id="uptime-monitors-title" className="card__title">
        {t("uptime.monitors.title")}
      </h2>
      <TableScroll>
        <table className="table" aria-labelledby="uptime-monitors-title">
          <thead>
            <tr>
              <th scope="col">{t("uptime.monitors.name")}</th>
              <th scope="col">{t("uptime.monitors.kind")}</th>
              <th scope="col">{t("uptime.monitors.target")}</th>
              <th scope="col" className="num">
                {t("uptime.monitors.interval")}
              </th>
              <th scope="col">{t("uptime.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("uptime.monitors.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {monitors.map((monitor) => (
              <tr key={monitor.id}>
                <td>{monitor.name}</td>
                <td>{t(`uptime.monitors.kinds.${monitor.kind}`)}</td>
                <td>{monitor.target ?? "—"}</td>
                <td className="num">
                  {monitor.kind === "push"
                    ? t("uptime.monitors.secondsWithGrace", { s: monitor.interval_s, grace: monitor.grace_s })
                    : t("uptime.monitors.seconds", { s: monitor.interval_s })}
                </td>
                <td>{monitor.paused ? t("uptime.monitors.pausedState") : t("uptime.monitors.active")}</td>
                <td className="row-actions">
                  <Button variant="quiet" aria-label={t("uptime.monitors.editOne", { name: monitor.name })} onClick={() => setEditing(monitor)}>
                    {t("uptime.monitors.edit")}
                  </Button>
                  <Button
                    variant="quiet"
                    aria-label={t(monitor.paused ? "uptime.monitors.resumeOne" : "uptime.monitors.pauseOne", { name: monitor.name })}
                    busy={update.isPending && update.variables?.id === monitor.id}
                    onClick={() => update.mutate({ id: monitor.id, patch: { paused: !monitor.paused } })}
                  >
                    {monitor.paused ? t("uptime.monitors.resume") : t("uptime.monitors.pause")}
                  </Button>
                  {confirming === monitor.id ? (
                    <>
                      <Button
                        variant="quiet"
                        busy={remove.isPending}
                        onClick={() => remove.mutate(monitor.id, { onSettled: () => setConfirming(null) })}
                      >
                        {t("uptime.monitors.confirmDelete", { name: monitor.name })}
                      </Button>
                      <Button variant="quiet" onClick={() => setConfirming(null)}>
                        {t("uptime.monitors.keep")}
                      </Button>
                    </>
                  ) : (
                    <Button
                      variant="quiet"
                      aria-label={t("uptime.monitors.deleteOne", { name: monitor.name })}
                      onClick={() => {
                        remove.reset();
                        setConfirming(monitor.id);
                      }}
                    >
                      {t("uptime.monitors.delete")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <FormError error={error} fields={[]} />
      <div className="maintenance-actions">
        <Button onClick={() => setEditing("new")}>{t("uptime.monitors.add")}</Button>
      </div>
      {editing && <MonitorForm monitor={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function MonitorForm({ monitor, onClose }: { monitor: Monitor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(monitor?.name ?? "");
  const [kind, setKind] = useState<MonitorKind>(monitor?.kind ?? "http");
  const [target, setTarget] = useState(monitor?.target ?? "");
  const [interval, setInterval] = useState(String(monitor?.interval_s ?? 60));
  // Push monitors only: how late a heartbeat may be before the monitor counts as down.
  const [grace, setGrace] = useState(String(monitor?.grace_s ?? 60));
  const create = useCreateMonitor();
  const update = useUpdateMonitor();
  const error = (create.error ?? update.error ?? null) as CommandError | null;
  const fieldError = useFieldError(error);
  const heading = monitor ? t("uptime.monitors.editTitle", { name: monitor.name }) : t("uptime.monitors.newTitle");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const interval_s = Number(interval);
    const grace_s = Number(grace);
    try {
      if (monitor) {
        await update.mutateAsync({
          id: monitor.id,
          patch: { name, interval_s, ...(monitor.kind === "http" ? { target } : { grace_s }) },
        });
      } else {
        await create.mutateAsync({ name, kind, target: kind === "http" ? target : null, interval_s, ...(kind === "push" ? { grace_s } : {}) });
      }
      onClose();
    } catch {
      // Shown from the mutation's error below.
    }
  };

  return (
    <form className="card dialog__body" onSubmit={submit} aria-label={heading}>
      <h3 className="card__title">{heading}</h3>
      <Field label={t("uptime.monitors.name")} value={name} onChange={(e) => setName(e.target.value)} required error={fieldError("name")} />
      {!monitor && (
        <fieldset className="field">
          <legend className="field__label">{t("uptime.monitors.kind")}</legend>
          {(["http", "push"] as const).map((k) => (
            <label key={k} className="inline-field">
              <input type="radio" name="monitor-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`uptime.monitors.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
      )}
      {kind === "http" && (
        <Field
          type="url"
          label={t("uptime.monitors.target")}
          hint={t("uptime.monitors.targetHint")}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          required
          error={fieldError("target")}
        />
      )}
      <Field
        type="number"
        label={t("uptime.monitors.intervalField")}
        hint={t("uptime.monitors.intervalHint")}
        value={interval}
        onChange={(e) => setInterval(e.target.value)}
        required
        error={fieldError("interval_s")}
      />
      {kind === "push" && (
        <Field
          type="number"
          label={t("uptime.monitors.graceField")}
          hint={t("uptime.monitors.graceHint")}
          value={grace}
          onChange={(e) => setGrace(e.target.value)}
          required
          error={fieldError("grace_s")}
        />
      )}
      <FormError error={error} fields={FIELDS} />
      <div className="maintenance-actions">
        <Button type="submit" busy={create.isPending || update.isPending}>
          {monitor ? t("uptime.monitors.save") : t("uptime.monitors.create")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("uptime.monitors.cancel")}
        </Button>
      </div>
    </form>
  );
}
