import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";

export function useBackupFormat() {
  const { t, i18n } = useTranslation();
  return useMemo(() => build(t, i18n.language), [t, i18n.language]);
}

function build(t: TFunction, language: string) {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return {
    /** Decimal megabytes, as file managers show them. */
    size: (bytes: number | null) => (bytes === null ? t("backups.none") : t("backups.megabytes", { value: number(bytes / 1e6, 1) })),
    hours: (hours: number) => t("backups.hoursValue", { value: number(hours, 2) }),
    /** Whole hours and minutes up to two days, then days and hours: the 26-hour line stays readable. */
    age: (seconds: number) => {
      const minutes = Math.max(0, Math.floor(seconds / 60));
      const h = Math.floor(minutes / 60);
      if (h >= 48) return t("backups.ageDays", { d: Math.floor(h / 24), h: h % 24 });
      if (h === 0) return t("backups.ageMinutes", { m: minutes });
      return t("backups.ageHours", { h, m: minutes % 60 });
    },
    seconds: (ms: number) => t("backups.secondsValue", { value: number(ms / 1000, 1) }),
  };
}

export type BackupFormat = ReturnType<typeof build>;
