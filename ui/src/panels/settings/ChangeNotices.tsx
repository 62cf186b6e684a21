import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { userTimeText } from "../../shared/time";
import { useChangeNotices } from "./queries";

/** Larger changes shipping within 7 days, above every panel (4S-CHANGE-NOTICE). */
export function ChangeNoticeBanner() {
  const { t, i18n } = useTranslation();
  const { data } = useChangeNotices();
  const next = data?.soon[0];
  if (!next) return null;
  return (
    <MessageBar intent="info" layout="multiline" role="note" aria-labelledby={undefined} aria-label={t("notices.bannerLabel")} className="shell__banner">
      <MessageBarBody>{t("notices.banner", { title: next.title, time: userTimeText(next.at, i18n.language) })}</MessageBarBody>
    </MessageBar>
  );
}

/** Settings → What's coming: every announced larger change with its notes. */
export function ChangeNoticesCard() {
  const { t, i18n } = useTranslation();
  const { data } = useChangeNotices();
  return (
    <section className="card" aria-labelledby="notices-title">
      <h2 className="card__title" id="notices-title">
        {t("notices.title")}
      </h2>
      {data && data.upcoming.length === 0 && <p className="muted">{t("notices.none")}</p>}
      <ul className="notice-list">
        {data?.upcoming.map((n) => (
          <li key={`${n.title}-${n.at}`}>
            <strong>{n.title}</strong> — {t("notices.ships", { time: userTimeText(n.at, i18n.language) })}
            {n.message && <p className="release-notes">{n.message}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
