import { Switch } from "@fluentui/react-components";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { DesktopSettings } from "../../bindings";
import { ipc } from "../../ipc";
import { FormError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";

export const DESKTOP = ["desktop-settings"] as const;

export function useDesktopSettings() {
  return useQuery({ queryKey: DESKTOP, queryFn: ipc.desktopSettings });
}

/** Settings → Desktop: whether new critical notifications reach the operating system. */
export function DesktopCard() {
  const { t } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const settings = useDesktopSettings();
  const set = useMutation({
    mutationFn: ipc.setOsNotifications,
    onMutate: (enabled: boolean) => {
      const before = client.getQueryData<DesktopSettings>(DESKTOP);
      if (before) client.setQueryData<DesktopSettings>(DESKTOP, { ...before, os_notifications: enabled });
    },
    onSuccess: () => notify(t("settings.saved")),
    onSettled: () => client.invalidateQueries({ queryKey: DESKTOP }),
  });
  return (
    <section className="card" aria-labelledby="desktop-title">
      <h2 className="card__title" id="desktop-title">
        {t("desktop.title")}
      </h2>
      <FormError error={settings.error} fields={[]} />
      {settings.data && (
        <div className="feature">
          <Switch
            checked={settings.data.os_notifications}
            label={t("desktop.osNotifications")}
            aria-describedby="desktop-os-notifications"
            onChange={(_, data) => set.mutate(data.checked)}
          />
          <p className="muted feature__help" id="desktop-os-notifications">
            {t("desktop.osNotificationsHelp")}
          </p>
        </div>
      )}
      <FormError error={set.error} fields={[]} />
    </section>
  );
}
