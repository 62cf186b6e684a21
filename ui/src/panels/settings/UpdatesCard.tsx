import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, UpdateChannel, UpdateInfo, UpdateProgress } from "../../bindings";
import { events, ipc } from "../../ipc";
import { Button } from "../../shared/Button";
import { useDescribeError } from "../../shared/errors";
import { userTimeText } from "../../shared/time";
import {
  useCheckForUpdates,
  useDeferUpdate,
  useInstallUpdate,
  useSaveUpdateSettings,
  useUpdateSettings,
} from "./queries";

/** The update the last check (in Settings or on the weekly schedule) found, if any. */
export const UPDATE_OFFER = ["update-offer"] as const;

export function useUpdateOffer() {
  return useQuery<UpdateInfo | null>({
    queryKey: UPDATE_OFFER,
    queryFn: async () => (await ipc.updateSettings()).available,
  });
}

/** Settings → Updates (4S-UPDATES-WEEKLY): schedule, channel, check, notes, install, restart. */
export function UpdatesCard() {
  const { t, i18n } = useTranslation();
  const describe = useDescribeError();
  const client = useQueryClient();
  const settings = useUpdateSettings();
  const save = useSaveUpdateSettings();
  const check = useCheckForUpdates();
  const install = useInstallUpdate();
  const defer = useDeferUpdate();
  const offer = useUpdateOffer().data ?? null;
  const [progress, setProgress] = useState<UpdateProgress | null>(null);
  const [upToDate, setUpToDate] = useState(false);
  const channelId = useId();
  const automaticId = useId();

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
  const onLater = (deferFor: "day" | "week") =>
    defer.mutate(deferFor, { onSuccess: () => client.setQueryData(UPDATE_OFFER, null) });

  return (
    <section className="card" aria-labelledby={`${channelId}-title`}>
      <h2 className="card__title" id={`${channelId}-title`}>
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
      <div className="field">
        <label className="field__label" htmlFor={channelId}>
          {t("updates.channel")}
        </label>
        <select
          id={channelId}
          className="field__input"
          value={s.channel}
          disabled={managed}
          onChange={(e) => save.mutate({ channel: e.target.value as UpdateChannel, automatic: s.automatic })}
        >
          <option value="stable">{t("updates.stable")}</option>
          <option value="beta">{t("updates.beta")}</option>
        </select>
      </div>
      <div className="field field--inline">
        <input
          id={automaticId}
          type="checkbox"
          checked={s.automatic}
          disabled={managed}
          onChange={(e) => save.mutate({ channel: s.channel, automatic: e.target.checked })}
        />
        <label htmlFor={automaticId}>{t("updates.automatic")}</label>
      </div>
      <Button variant="secondary" busy={check.isPending} onClick={onCheck}>
        {check.isPending ? t("updates.checking") : t("updates.check")}
      </Button>
      {upToDate && !offer && <p role="status">{t("updates.upToDate")}</p>}
      {offer && !install.isSuccess && !autoInstalled && (
        <div className="update-offer" role="region" aria-label={t("updates.offerLabel")}>
          <h3>{t("updates.available", { version: offer.version, current: offer.current_version })}</h3>
          {offer.published_at && <p className="muted">{userTimeText(offer.published_at, i18n.language)}</p>}
          <h4>{t("updates.notes")}</h4>
          <p className="release-notes">{offer.notes || t("updates.noNotes")}</p>
          {auto?.kind === "when_idle" && <p role="note">{t("updates.autoWhenIdle", { time: when(auto.after) })}</p>}
          {auto?.kind === "needs_password" && <p role="note">{t("updates.autoNeedsPassword")}</p>}
          {install.isPending && (
            <progress
              aria-label={t("updates.downloading")}
              value={progress?.downloaded ?? 0}
              max={progress?.total ?? undefined}
            />
          )}
          <div className="actions">
            <Button busy={install.isPending} onClick={onInstall}>
              {t("updates.install", { version: offer.version })}
            </Button>
            <Button variant="quiet" disabled={install.isPending} onClick={() => onLater("day")}>
              {t("updates.laterDay")}
            </Button>
            <Button variant="quiet" disabled={install.isPending} onClick={() => onLater("week")}>
              {t("updates.laterWeek")}
            </Button>
          </div>
        </div>
      )}
      {(install.isSuccess || autoInstalled) && offer && (
        <div role="status">
          <p>
            {autoInstalled
              ? t("shell.update.autoInstalled", { version: offer.version })
              : t("updates.installed_restart", { version: offer.version })}
          </p>
          <Button onClick={() => void ipc.restartApp()}>{t("updates.restart")}</Button>
        </div>
      )}
      {s.deferred && !offer && (
        <p className="muted">{t("updates.deferred", { version: s.deferred.version, time: when(s.deferred.until) })}</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {describe(error)}
        </p>
      )}
    </section>
  );
}
