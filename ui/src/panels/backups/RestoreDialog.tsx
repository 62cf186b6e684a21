import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Backup, Channel, CommandError, RestoreScope } from "../../bindings";
import { Button } from "../../shared/Button";
import { FormError, useFieldError } from "../../shared/errors";
import { formatInZone } from "../../shared/time";
import { useRequestRestore } from "./queries";
import { useEscape } from "../../shared/useEscape";

const FIELDS = ["channel_id", "backup_id", "note"] as const;

type Props = {
  snapshots: Backup[];
  channels: Channel[];
  timeZone: string;
  onClose: () => void;
};

/** An Account Manager asks for a full or one-channel restore to a kept snapshot (4S-RESTORE-REQUEST). */
export function RestoreDialog({ snapshots, channels, timeZone, onClose }: Props) {
  useEscape(onClose);
  const { t, i18n } = useTranslation();
  const id = useId();
  const [scope, setScope] = useState<RestoreScope>("full");
  const [channelId, setChannelId] = useState<number | null>(channels[0]?.id ?? null);
  // Only kept snapshots are offered: a pruned one has no file left to restore from.
  const [backupId, setBackupId] = useState<number | null>(snapshots[0]?.id ?? null);
  const [note, setNote] = useState("");
  const request = useRequestRestore();
  const error = request.error as CommandError | null;
  const fieldError = useFieldError(error);
  const heading = t("backups.requestTitle");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (backupId === null) return;
    try {
      await request.mutateAsync({
        scope,
        channel_id: scope === "channel" ? channelId : null,
        backup_id: backupId,
        note: note.trim() || null,
      });
      onClose();
    } catch {
      // Shown from the mutation's error below.
    }
  };

  const snapshotLabel = (s: Backup) =>
    t("backups.snapshotOption", {
      time: formatInZone(s.started_at, i18n.language, timeZone),
      retention: t(`backups.retentionClass.${s.retention}`),
    });
  const channelError = fieldError("channel_id");
  const backupError = fieldError("backup_id");

  return (
    <div role="dialog" aria-modal="true" aria-label={heading} className="dialog">
      <form className="card dialog__body" onSubmit={submit} aria-label={heading}>
        <h2 className="card__title">{heading}</h2>
        <fieldset className="field">
          <legend className="field__label">{t("backups.scope")}</legend>
          <label className="check">
            <input type="radio" name={`${id}-scope`} checked={scope === "full"} onChange={() => setScope("full")} />
            {t("backups.scopeFull")}
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scope === "channel"}
              disabled={channels.length === 0}
              onChange={() => setScope("channel")}
            />
            {t("backups.scopeChannel")}
          </label>
        </fieldset>
        {scope === "channel" && (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-channel`}>
              {t("backups.channel")}
            </label>
            <select
              id={`${id}-channel`}
              className="field__input"
              value={channelId ?? ""}
              aria-invalid={channelError ? true : undefined}
              onChange={(event) => setChannelId(Number(event.target.value))}
            >
              {channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.name}
                </option>
              ))}
            </select>
            {channelError && <p className="field__error">{channelError}</p>}
          </div>
        )}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-snapshot`}>
            {t("backups.snapshot")}
          </label>
          <select
            id={`${id}-snapshot`}
            className="field__input"
            value={backupId ?? ""}
            required
            aria-invalid={backupError ? true : undefined}
            onChange={(event) => setBackupId(Number(event.target.value))}
          >
            {snapshots.map((snapshot) => (
              <option key={snapshot.id} value={snapshot.id}>
                {snapshotLabel(snapshot)}
              </option>
            ))}
          </select>
          {snapshots.length === 0 && <p className="field__hint">{t("backups.noSnapshots")}</p>}
          {backupError && <p className="field__error">{backupError}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-note`}>
            {t("backups.note")}
          </label>
          <textarea id={`${id}-note`} className="field__input" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
          {fieldError("note") && <p className="field__error">{fieldError("note")}</p>}
        </div>
        <p className="notice" role="note">
          {t("backups.billingNote")}
        </p>
        <FormError error={error} fields={FIELDS} />
        <div className="maintenance-actions">
          <Button type="submit" busy={request.isPending} disabled={backupId === null}>
            {t("backups.send")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("backups.cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}
