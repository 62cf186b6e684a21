import { Badge, Field as FluentField, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { AddRegular, EditRegular, PlayRegular } from "@fluentui/react-icons";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, Monitor, MonitorKind } from "../../bindings";
import { Button } from "../../shared/Button";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { useTableSize } from "../../shared/density";
import { Dialog } from "../../shared/Dialog";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { EmptyState } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
import { useNotify } from "../../shared/toast";
import { useCreateMonitor, useDeleteMonitor, useUpdateMonitor } from "./queries";

const FIELDS = ["name", "target", "interval_s", "grace_s"] as const;

/** Service Operators' list of monitors: add, edit, pause or resume, delete. */
export function Monitors({ monitors }: { monitors: Monitor[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const size = useTableSize();
  const [editing, setEditing] = useState<Monitor | "new" | null>(null);
  const update = useUpdateMonitor();
  const remove = useDeleteMonitor();
  const error = (update.error ?? remove.error ?? null) as CommandError | null;

  const setPaused = (monitor: Monitor, paused: boolean) => {
    remove.reset();
    update.mutate(
      { id: monitor.id, patch: { paused } },
      { onSuccess: () => notify(t(paused ? "uptime.monitors.pausedToast" : "uptime.monitors.resumedToast", { name: monitor.name })) },
    );
  };
  const deleteMonitor = (monitor: Monitor) => {
    update.reset();
    remove.mutate(monitor.id, { onSuccess: () => notify(t("uptime.monitors.deletedToast", { name: monitor.name })) });
  };

  return (
    <section className="card" aria-labelledby="uptime-monitors-title">
      <div className="card__header">
        <h2 id="uptime-monitors-title" className="card__title">
          {t("uptime.monitors.title")}
        </h2>
        <Button icon={<AddRegular />} onClick={() => setEditing("new")}>
          {t("uptime.monitors.add")}
        </Button>
      </div>
      {monitors.length === 0 ? (
        <EmptyState title={t("uptime.monitors.none")} next={t("uptime.monitors.noneNext")} />
      ) : (
        <TableScroll>
          <Table size={size} className="uptime-table" aria-labelledby="uptime-monitors-title">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("uptime.monitors.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("uptime.monitors.kind")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("uptime.monitors.target")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="uptime-num">
                  {t("uptime.monitors.interval")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("uptime.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">
                  <span className="visually-hidden">{t("uptime.monitors.actions")}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {monitors.map((monitor) => (
                <TableRow key={monitor.id}>
                  <TableCell>{monitor.name}</TableCell>
                  <TableCell>{t(`uptime.monitors.kinds.${monitor.kind}`)}</TableCell>
                  <TableCell className="uptime-target">{monitor.target ?? "—"}</TableCell>
                  <TableCell className="uptime-num">
                    {monitor.kind === "push"
                      ? t("uptime.monitors.secondsWithGrace", { s: monitor.interval_s, grace: monitor.grace_s })
                      : t("uptime.monitors.seconds", { s: monitor.interval_s })}
                  </TableCell>
                  <TableCell>
                    {/* Paused is not a fault, yet it is not watched either: neither green nor red. */}
                    <Badge appearance={monitor.paused ? "outline" : "tint"} color={monitor.paused ? "informative" : "brand"} shape="rounded">
                      {monitor.paused ? t("uptime.monitors.pausedState") : t("uptime.monitors.active")}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    <div className="row-actions">
                      <Button
                        variant="quiet"
                        icon={<EditRegular />}
                        aria-label={t("uptime.monitors.editOne", { name: monitor.name })}
                        onClick={() => setEditing(monitor)}
                      >
                        {t("uptime.monitors.edit")}
                      </Button>
                      {monitor.paused ? (
                        <Button
                          variant="quiet"
                          icon={<PlayRegular />}
                          aria-label={t("uptime.monitors.resumeOne", { name: monitor.name })}
                          busy={update.isPending && update.variables?.id === monitor.id}
                          onClick={() => setPaused(monitor, false)}
                        >
                          {t("uptime.monitors.resume")}
                        </Button>
                      ) : (
                        // Nothing probes a paused monitor: its business time goes without data.
                        <ConfirmButton
                          variant="quiet"
                          aria-label={t("uptime.monitors.pauseOne", { name: monitor.name })}
                          title={t("uptime.monitors.pauseTitle", { name: monitor.name })}
                          question={t("uptime.monitors.pauseQuestion")}
                          busy={update.isPending && update.variables?.id === monitor.id}
                          onConfirm={() => setPaused(monitor, true)}
                        >
                          {t("uptime.monitors.pause")}
                        </ConfirmButton>
                      )}
                      <ConfirmButton
                        variant="quiet"
                        aria-label={t("uptime.monitors.deleteOne", { name: monitor.name })}
                        title={t("uptime.monitors.deleteTitle", { name: monitor.name })}
                        question={t("uptime.monitors.confirmDelete", { name: monitor.name })}
                        busy={remove.isPending && remove.variables === monitor.id}
                        onConfirm={() => deleteMonitor(monitor)}
                      >
                        {t("uptime.monitors.delete")}
                      </ConfirmButton>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <FormError error={error} fields={[]} />
      {editing && (
        <MonitorDialog
          monitor={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function MonitorDialog({ monitor, onClose }: { monitor: Monitor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const formId = useId();
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
        notify(name === monitor.name ? t("uptime.monitors.savedToast", { name }) : t("uptime.monitors.renamedToast", { from: monitor.name, name }));
      } else {
        await create.mutateAsync({ name, kind, target: kind === "http" ? target : null, interval_s, ...(kind === "push" ? { grace_s } : {}) });
        notify(t("uptime.monitors.addedToast", { name }));
      }
      onClose();
    } catch {
      // Shown from the mutation's error, at its field or under the form.
    }
  };

  return (
    <Dialog
      title={heading}
      onClose={onClose}
      actions={
        <>
          <Button type="submit" form={formId} busy={create.isPending || update.isPending}>
            {monitor ? t("uptime.monitors.save") : t("uptime.monitors.create")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("uptime.monitors.cancel")}
          </Button>
        </>
      }
    >
      <form id={formId} className="uptime-form" onSubmit={submit}>
        <Field label={t("uptime.monitors.name")} value={name} onChange={(e) => setName(e.target.value)} required error={fieldError("name")} />
        {!monitor && (
          <FluentField label={t("uptime.monitors.kind")}>
            <RadioGroup layout="horizontal" value={kind} onChange={(_, data) => setKind(data.value as MonitorKind)}>
              {(["http", "push"] as const).map((k) => (
                <Radio key={k} value={k} label={t(`uptime.monitors.kinds.${k}`)} />
              ))}
            </RadioGroup>
          </FluentField>
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
      </form>
    </Dialog>
  );
}
