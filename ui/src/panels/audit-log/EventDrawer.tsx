import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { AuditEventDetail } from "../../bindings";
import { Drawer } from "../../shared/Drawer";
import { FormError } from "../../shared/errors";
import { userTimeText } from "../../shared/time";
import { useAuditEvent } from "./queries";

type Props = { seq: number; onClose: () => void };

/** Every field of one cached event, and whether it fits its hash chain. */
export function EventDrawer({ seq, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const detail = useAuditEvent(seq);
  const event = detail.data?.event;
  return (
    <Drawer title={t("audit.drawer", { seq })} onClose={onClose}>
      {detail.isPending && <Spinner size="small" label={t("app.loading")} />}
      {detail.error && <FormError error={detail.error} fields={[]} />}
      {detail.data && event && (
        <>
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
            {event.subject !== null && (
              <>
                <dt>{t("audit.subject")}</dt>
                <dd>{event.subject}</dd>
              </>
            )}
            <dt>{t("audit.col.outcome")}</dt>
            <dd>
              {t(`audit.outcome.${event.outcome}`)} ({event.status})
            </dd>
            <dt>{t("audit.col.client")}</dt>
            <dd>{event.client_addr ?? "—"}</dd>
            <dt>{t("audit.account")}</dt>
            <dd>{event.account_id ?? t("shell.platform")}</dd>
            <dt>{t("audit.prevHash")}</dt>
            <dd className="audit-fields__hash">{event.prev_hash}</dd>
            <dt>{t("audit.hash")}</dt>
            <dd className="audit-fields__hash">{event.hash}</dd>
          </dl>
        </>
      )}
    </Drawer>
  );
}

function ChainStatus({ detail }: { detail: AuditEventDetail }) {
  const { t } = useTranslation();
  const intact = detail.hash_valid && detail.linked;
  return (
    <div className="audit-chain">
      <MessageBar layout="multiline" intent={intact ? "success" : "error"}>
        <MessageBarBody>
          {intact ? t("audit.chain.intact") : !detail.hash_valid ? t("audit.chain.hash_mismatch") : t("audit.chain.link_broken")}
        </MessageBarBody>
      </MessageBar>
      {detail.broken_seq !== null && <p>{t("audit.chain.firstBreak", { seq: detail.broken_seq })}</p>}
    </div>
  );
}
