import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, Kept } from "../bindings";
import { userTimeText } from "./time";

type Props = {
  /** The panel's data as the console answered it: fresh, or the copy kept in the cache. */
  kept: Pick<Kept<unknown>, "fetched_at" | "from_cache">;
  /** The clock the age is read against; the wall clock unless a test passes its own. */
  now?: number;
};

const DAY_MS = 86_400_000;

/** Whole days between the copy and now; 0 for a copy less than a day old. */
function copyAgeDays(fetchedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(fetchedAt)) / DAY_MS));
}

/**
 * What every panel says, in the same words, when it shows the copy kept in the cache because
 * the service cannot be reached; nothing when the data is fresh. A copy over a day old says its
 * age in words too, which a date alone leaves to arithmetic (issue 25).
 */
export function OfflineNote({ kept, now = Date.now() }: Props) {
  const { t, i18n } = useTranslation();
  if (!kept.from_cache) return null;
  if (kept.fetched_at === null) return <NotSyncedNote />;
  const days = copyAgeDays(kept.fetched_at, now);
  return (
    <MessageBar intent="warning" layout="multiline" role="status" aria-labelledby={undefined}>
      <MessageBarBody>
        <span>{t("shell.offlineAsOf", { time: userTimeText(kept.fetched_at, i18n.language) })}</span>
        {days > 0 && <span> {t("shell.offlineAge", { count: days })}</span>}
      </MessageBarBody>
    </MessageBar>
  );
}

function NotSyncedNote() {
  const { t } = useTranslation();
  return (
    <MessageBar intent="warning" layout="multiline" role="status" aria-labelledby={undefined}>
      <MessageBarBody>{t("shell.offlineNothingCached")}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Where a panel shows why its data did not load: offline with no copy kept, the offline
 * note's words ("not synced for offline use yet") instead of a bare "cannot be reached";
 * any other failure as the panel draws it (`children`).
 */
export function LoadError({ error, children }: { error: CommandError; children: ReactNode }) {
  return error.kind === "offline" ? <NotSyncedNote /> : <>{children}</>;
}
