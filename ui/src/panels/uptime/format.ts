import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";

// Whole minutes; a breach of a few seconds must still not read as "0 min".
function minutesOf(seconds: number, round: (x: number) => number): number {
  return Math.max(0, round(seconds / 60));
}

export function useUptimeFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // One object per language, so charts built from it are not rebuilt on every render.
  return useMemo(() => build(t, language), [t, language]);
}

function build(t: TFunction, language: string) {
  const number = (value: number, digits: [number, number]) =>
    new Intl.NumberFormat(language, { minimumFractionDigits: digits[0], maximumFractionDigits: digits[1] }).format(value);

  const minutes = (total: number) => {
    const h = Math.floor(total / 60);
    const m = total % 60;
    if (h === 0) return t("uptime.minutes", { m });
    if (m === 0) return t("uptime.hours", { h: number(h, [0, 0]) });
    return t("uptime.hoursMinutes", { h: number(h, [0, 0]), m });
  };

  return {
    /**
     * Cut, not rounded, to two decimals: 99.795 % must not show as a compliant-looking 99.80 %.
     * The small epsilon undoes binary fractions such as 0.9993 * 10000 = 9992.999….
     */
    ratio: (ratio: number | null) =>
      ratio === null ? t("uptime.none") : t("uptime.percent", { value: number(Math.floor(ratio * 10_000 + 1e-6) / 100, [2, 2]) }),
    target: (ratio: number) => t("uptime.percent", { value: number(ratio * 100, [1, 2]) }),
    /** Rounded to the minute, with under a minute shown as such rather than as nothing. */
    duration: (seconds: number) => (seconds > 0 && seconds < 30 ? t("uptime.underMinute") : minutes(minutesOf(seconds, Math.round))),
    /** What is left is cut and what is over is rounded up, so the budget never reads larger than it is. */
    budget: (leftSeconds: number) =>
      leftSeconds >= 0
        ? t("uptime.budgetLeft", { time: minutes(minutesOf(leftSeconds, Math.floor)) })
        : t("uptime.budgetOver", { time: minutes(minutesOf(-leftSeconds, Math.ceil)) }),
    /** `YYYY-MM` as the month's name; it is a calendar month, not an instant. */
    month: (month: string) => {
      const [year = 0, index = 1] = month.split("-").map(Number);
      return new Intl.DateTimeFormat(language, { year: "numeric", month: "long", timeZone: "UTC" }).format(
        new Date(Date.UTC(year, index - 1, 15)),
      );
    },
    /** `YYYY-MM-DD`, a local date of the business calendar. */
    date: (date: string) =>
      new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
        new Date(`${date}T12:00:00Z`),
      ),
    /** ISO weekdays (1 = Monday) as runs: [1,2,3,4,5] is "Mon–Fri", [1,3,4] "Mon, Wed–Thu". */
    weekdays: (days: number[]) => {
      // 1 January 2024 was a Monday.
      const name = (day: number) =>
        new Intl.DateTimeFormat(language, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, day)));
      const runs: [number, number][] = [];
      for (const day of [...days].sort((a, b) => a - b)) {
        const last = runs.at(-1);
        if (last && day === last[1] + 1) last[1] = day;
        else runs.push([day, day]);
      }
      return runs
        .map(([from, to]) => (from === to ? name(from) : to === from + 1 ? `${name(from)}, ${name(to)}` : `${name(from)}–${name(to)}`))
        .join(", ");
    },
    milliseconds: (ms: number) => t("uptime.ms", { value: number(Math.round(ms), [0, 0]) }),
  };
}

export type UptimeFormat = ReturnType<typeof build>;
