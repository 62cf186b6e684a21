import { useTranslation } from "react-i18next";
import type { AuditEventDetail } from "../../bindings";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { userTimeText } from "../../shared/time";
import { useAuditEvent } from "./queries";
import { useEscape } from "../../shared/useEscape";

type Props = { seq: number; onClose: () => void };

/** Every field of one cached event, and whether it fits its hash chain. */
export function EventDrawer({ seq, onClose }: Props) {
  useEscape(onClose);
  const { t, i18n } = useTranslation();
  const detail = useAuditEvent(seq);
  const event = detail.data?.event;
  return (
    <aside className="card drawer audit-drawer" aria-label={t("audit.drawer", { seq })}>
      <Button variant="quiet" onClick={onClose}>
        {t("audit.close")}
      </Button>
      {detail.error && <FormError error={detail.error} fields={[]} />}
      {detail.data && event && (
        <>
          <h2 className="card__title">{t("audit.drawer", { seq })}</h2>
          <ChainStatus detail={detail.data} />
          <dl className="audit-fields">
            <dt>{t("audit.col.at")}</dt>
            <dd>
              <time dateTime={event.at}>{userTimeText(event.at, i18n.language)}</time> ({event.at})
            </dd>
            <dt>{t("audit.col.actor")}</dt>
            <dd>{event.actor ?? t("audit.anonymous")}</dd>
            <dt>{t("audit.col.action")}</dt>
            <dd>{event.action}</dd>
            <dt>{t("audit.col.target")}</dt>
            <dd>{event.target}</dd>
            <dt>{t("audit.col.outcome")}</dt>
            <dd>
              {t(`audit.outcome.${event.outcome}`)} ({event.status})
            </dd>
            <dt>{t("audit.col.client")}</dt>
            <dd>{event.client_addr ?? "—"}</dd>
            <dt>{t("audit.account")}</dt>
            <dd>{event.account_id ?? t("shell.platform")}</dd>
            <dt>{t("audit.prevHash")}</dt>
            <dd className="hash">{event.prev_hash}</dd>
            <dt>{t("audit.hash")}</dt>
            <dd className="hash">{event.hash}</dd>
          </dl>
        </>
      )}
    </aside>
  );
}

function ChainStatus({ detail }: { detail: AuditEventDetail }) {
  const { t } = useTranslation();
  const intact = detail.hash_valid && detail.linked;
  return (
    <div role="status">
      <p className={`badge ${intact ? "badge--good" : "badge--bad"}`}>
        {intact ? t("audit.chain.intact") : !detail.hash_valid ? t("audit.chain.hash_mismatch") : t("audit.chain.link_broken")}
      </p>
      {detail.broken_seq !== null && <p>{t("audit.chain.firstBreak", { seq: detail.broken_seq })}</p>}
    </div>
  );
}
