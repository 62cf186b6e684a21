import {
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Select,
  Switch,
} from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, UpdateChannel, UpdateProgress, UpdateSettingsChange } from "../../bindings";
import { events, ipc } from "../../ipc";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import { userTimeText } from "../../shared/time";
import {
  useCheckForUpdates,
  useDeferUpdate,
  useInstallUpdate,
  useSaveUpdateSettings,
  useUpdateOffer,
  useUpdateSettings,
  UPDATE_OFFER,
} from "./queries";

/** Settings → Updates (4S-UPDATES-WEEKLY): schedule, channel, check, notes, install, restart. */
export function UpdatesCard() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const settings = useUpdateSettings();
  const save = useSaveUpdateSettings();
  const check = useCheckForUpdates();
  const install = useInstallUpdate();
  const defer = useDeferUpdate();
  const offer = useUpdateOffer().data ?? null;
  const [progress, setProgress] = useState<UpdateProgress | null>(null);
  const [upToDate, setUpToDate] = useState(false);

  useEffect(() => {
    const unlisten = events.onUpdateProgress(setProgress);
    return () => void unlisten.then((stop) => stop());
  }, []);

  const s = settings.data;
  if (!s) return null;
  const managed = s.managed_by !== null;
  const when = (at: string | null) => (at ? userTimeText(at, i18n.language) : t("updates.never"));
  // 4S-UPDATES-WEEKLY: a version the weekly schedule found says whether it installs by itself.
  const auto = offer?.auto_install;
  const autoInstalled = auto?.kind === "installed";
  const error: CommandError | null = save.error ?? check.error ?? install.error ?? defer.error ?? null;

  const onCheck = () => {
    setUpToDate(false);
    install.reset();
    check.mutate(undefined, {
      onSuccess: (found) => {
        client.setQueryData(UPDATE_OFFER, found);
        setUpToDate(found === null);
      },
    });
  };
  const onInstall = () => {
    setProgress(null);
    install.mutate(undefined);
  };
  const onSave = (change: UpdateSettingsChange) => save.mutate(change, { onSuccess: () => notify(t("settings.saved")) });
  const onLater = (deferFor: "day" | "week") =>
    defer.mutate(deferFor, { onSuccess: () => client.setQueryData(UPDATE_OFFER, null) });

  return (
    <section className="card" aria-labelledby="updates-title">
      <h2 className="card__title" id="updates-title">
        {t("updates.title")}
      </h2>
      <dl className="facts">
        <dt>{t("updates.installed")}</dt>
        <dd>{s.current_version}</dd>
        <dt>{t("updates.lastCheck")}</dt>
        <dd>{when(s.last_check)}</dd>
        <dt>{t("updates.nextCheck")}</dt>
        <dd>{s.next_check ? when(s.next_check) : t("updates.automaticOff")}</dd>
      </dl>
      {managed && (
        <p className="muted" role="note">
          {t("updates.managed", { path: s.managed_by })}
        </p>
      )}
      <Field label={t("updates.channel")}>
        <Select
          value={s.channel}
          disabled={managed}
          onChange={(_, data) => onSave({ channel: data.value as UpdateChannel, automatic: s.automatic })}
        >
          <option value="stable">{t("updates.stable")}</option>
          <option value="beta">{t("updates.beta")}</option>
        </Select>
      </Field>
      <Switch
        checked={s.automatic}
        disabled={managed}
        label={t("updates.automatic")}
        onChange={(_, data) => onSave({ channel: s.channel, automatic: data.checked })}
      />
      <div>
        <Button variant="secondary" busy={check.isPending} onClick={onCheck}>
          {check.isPending ? t("updates.checking") : t("updates.check")}
        </Button>
      </div>
      {upToDate && !offer && <p role="status">{t("updates.upToDate")}</p>}
      {offer && !install.isSuccess && !autoInstalled && (
        // A region named for what it offers, not a bar named by its title: the card's own list of landmarks.
        <MessageBar
          intent="info"
          layout="multiline"
          role="region"
          aria-labelledby={undefined}
          aria-label={t("updates.offerLabel")}
          className="update-offer"
        >
          <MessageBarBody>
            <h3 className="update-offer__title">
              {t("updates.available", { version: offer.version, current: offer.current_version })}
            </h3>
            {offer.published_at && <p className="muted">{userTimeText(offer.published_at, i18n.language)}</p>}
            <h4 className="update-offer__notes-title">{t("updates.notes")}</h4>
            <p className="release-notes">{offer.notes || t("updates.noNotes")}</p>
            {auto?.kind === "when_idle" && <p role="note">{t("updates.autoWhenIdle", { time: when(auto.after) })}</p>}
            {auto?.kind === "needs_password" && <p role="note">{t("updates.autoNeedsPassword")}</p>}
            {install.isPending && (
              // Without a size from the server the bar only says that it runs.
              <ProgressBar
                aria-label={t("updates.downloading")}
                {...(progress?.total ? { value: progress.downloaded, max: progress.total } : {})}
              />
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button busy={install.isPending} onClick={onInstall}>
              {t("updates.install", { version: offer.version })}
            </Button>
            <Button variant="quiet" disabled={install.isPending} onClick={() => onLater("day")}>
              {t("updates.laterDay")}
            </Button>
            <Button variant="quiet" disabled={install.isPending} onClick={() => onLater("week")}>
              {t("updates.laterWeek")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(install.isSuccess || autoInstalled) && offer && (
        <MessageBar intent="success" layout="multiline" role="status" aria-labelledby={undefined}>
          <MessageBarBody>
            {autoInstalled
              ? t("shell.update.autoInstalled", { version: offer.version })
              : t("updates.installed_restart", { version: offer.version })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void ipc.restartApp()}>{t("updates.restart")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {s.deferred && !offer && (
        <p className="muted">{t("updates.deferred", { version: s.deferred.version, time: when(s.deferred.until) })}</p>
      )}
      <FormError error={error} fields={[]} />
    </section>
  );
}
