import { Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Textarea } from "@fluentui/react-components";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Backup, Channel, CommandError, RestoreScope } from "../../bindings";
import { Button } from "../../shared/Button";
import { Dialog } from "../../shared/Dialog";
import { FormError, useFieldError } from "../../shared/errors";
import { userTimeText } from "../../shared/time";
import { useNotify } from "../../shared/toast";
import { useRequestRestore } from "./queries";

const FIELDS = ["channel_id", "backup_id", "note"] as const;

type Props = {
  snapshots: Backup[];
  channels: Channel[];
  onClose: () => void;
};

/** The library's props for a field that shows the service's complaint about it. */
function invalid(error: string | null) {
  return { validationMessage: error, validationState: error ? ("error" as const) : ("none" as const) };
}

/** An Account Manager asks for a full or one-channel restore to a kept snapshot (4S-RESTORE-REQUEST). */
export function RestoreDialog({ snapshots, channels, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const formId = useId();
  const [scope, setScope] = useState<RestoreScope>("full");
  const [channelId, setChannelId] = useState<number | null>(channels[0]?.id ?? null);
  // Only kept snapshots are offered: a pruned one has no file left to restore from.
  const [backupId, setBackupId] = useState<number | null>(snapshots[0]?.id ?? null);
  const [note, setNote] = useState("");
  const request = useRequestRestore();
  const error = request.error as CommandError | null;
  const fieldError = useFieldError(error);

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
      notify(t("backups.requested"));
      onClose();
    } catch {
      // Shown from the mutation's error, at its field or above the buttons.
    }
  };

  const snapshotLabel = (s: Backup) =>
    t("backups.snapshotOption", {
      time: userTimeText(s.started_at, i18n.language),
      retention: t(`backups.retentionClass.${s.retention}`),
    });

  return (
    <Dialog
      title={t("backups.requestTitle")}
      onClose={onClose}
      actions={
        <>
          <Button type="submit" form={formId} busy={request.isPending} disabled={backupId === null}>
            {t("backups.send")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t("backups.cancel")}
          </Button>
        </>
      }
    >
      <form id={formId} className="backups-form" onSubmit={submit}>
        <Field label={t("backups.scope")}>
          <RadioGroup value={scope} onChange={(_, data) => setScope(data.value as RestoreScope)}>
            <Radio value="full" label={t("backups.scopeFull")} />
            <Radio value="channel" label={t("backups.scopeChannel")} disabled={channels.length === 0} />
          </RadioGroup>
        </Field>
        {scope === "channel" && (
          <Field label={t("backups.channel")} {...invalid(fieldError("channel_id"))}>
            <Select value={String(channelId ?? "")} onChange={(_, data) => setChannelId(Number(data.value))}>
              {channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field
          label={t("backups.snapshot")}
          required
          hint={snapshots.length === 0 ? t("backups.noSnapshots") : null}
          {...invalid(fieldError("backup_id"))}
        >
          <Select value={String(backupId ?? "")} onChange={(_, data) => setBackupId(Number(data.value))}>
            {snapshots.map((snapshot) => (
              <option key={snapshot.id} value={snapshot.id}>
                {snapshotLabel(snapshot)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("backups.note")} {...invalid(fieldError("note"))}>
          <Textarea rows={3} resize="vertical" value={note} onChange={(_, data) => setNote(data.value)} />
        </Field>
        <MessageBar layout="multiline" intent="info" role="note" aria-labelledby={undefined}>
          <MessageBarBody>{t("backups.billingNote")}</MessageBarBody>
        </MessageBar>
        <FormError error={error} fields={FIELDS} />
      </form>
    </Dialog>
  );
}
