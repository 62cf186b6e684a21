import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { DesktopSettings } from "../../bindings";
import { ipc } from "../../ipc";
import { useDescribeError } from "../../shared/errors";

export const DESKTOP = ["desktop-settings"] as const;

export function useDesktopSettings() {
  return useQuery({ queryKey: DESKTOP, queryFn: ipc.desktopSettings });
}

/** Settings → Desktop: whether new critical notifications reach the operating system. */
export function DesktopCard() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const client = useQueryClient();
  const settings = useDesktopSettings();
  const set = useMutation({
    mutationFn: ipc.setOsNotifications,
    onMutate: (enabled: boolean) => {
      const before = client.getQueryData<DesktopSettings>(DESKTOP);
      if (before) client.setQueryData<DesktopSettings>(DESKTOP, { ...before, os_notifications: enabled });
    },
    onSettled: () => client.invalidateQueries({ queryKey: DESKTOP }),
  });
  return (
    <section className="card" aria-labelledby="desktop-title">
      <h2 className="card__title" id="desktop-title">
        {t("desktop.title")}
      </h2>
      {settings.error && <p role="alert">{describe(settings.error)}</p>}
      {settings.data && (
        <>
          <label className="feature">
            <input
              type="checkbox"
              checked={settings.data.os_notifications}
              aria-describedby="desktop-os-notifications"
              onChange={(e) => set.mutate(e.target.checked)}
            />
            <span className="feature__title">{t("desktop.osNotifications")}</span>
          </label>
          <p className="muted" id="desktop-os-notifications">
            {t("desktop.osNotificationsHelp")}
          </p>
        </>
      )}
      {set.error && (
        <p className="form-error" role="alert">
          {describe(set.error)}
        </p>
      )}
    </section>
  );
}
