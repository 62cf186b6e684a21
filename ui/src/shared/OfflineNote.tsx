import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { Kept } from "../bindings";
import { userTimeText } from "./time";

type Props = {
  /** The panel's data as the console answered it: fresh, or the copy kept in the cache. */
  kept: Pick<Kept<unknown>, "fetched_at" | "from_cache">;
};

/**
 * What every panel says, in the same words, when it shows the copy kept in the cache because
 * the service cannot be reached; nothing when the data is fresh.
 */
export function OfflineNote({ kept }: Props) {
  const { t, i18n } = useTranslation();
  if (!kept.from_cache) return null;
  const text =
    kept.fetched_at === null
      ? t("shell.offlineNothingCached")
      : t("shell.offlineAsOf", { time: userTimeText(kept.fetched_at, i18n.language) });
  return (
    <MessageBar intent="warning" layout="multiline" role="status" aria-labelledby={undefined}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
