import { useTranslation } from "react-i18next";
import type { Connection, SessionView } from "../bindings";
import { Button } from "../shared/Button";
import { FormError } from "../shared/errors";
import { userTimeText } from "../shared/time";
import { useCheckConnection, useSignOut } from "./session";

type HeaderProps = { session: SessionView; connection: Connection; onSignedOut: () => void };

export function Header({ session, connection, onSignedOut }: HeaderProps) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <header className="header">
      <div className="header__context">
        <span className="header__account">{session.account?.name ?? t("shell.platform")}</span>
        <ConnectionStatus connection={connection} />
      </div>
      <div className="header__user">
        <FormError error={signOut.error} fields={[]} />
        <span className="header__name">{session.user.display_name}</span>
        <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate(undefined, { onSuccess: onSignedOut })}>
          {t("shell.signOut")}
        </Button>
      </div>
    </header>
  );
}

function ConnectionStatus({ connection }: { connection: Connection }) {
  const { t, i18n } = useTranslation();
  const check = useCheckConnection();
  const online = connection.state === "online";
  return (
    <span className="connection">
      {/* A presence dot in the header's own few lines: the library's Badge would add ~14 kB to the start-up budget. */}
      <span role="status" className={`connection__status connection__status--${connection.state}`}>
        <span className="connection__dot" aria-hidden="true" />
        {online ? t("shell.online") : t("shell.offlineSince", { time: userTimeText(connection.since, i18n.language) })}
      </span>
      {!online && (
        <Button variant="quiet" busy={check.isPending} onClick={() => check.mutate()}>
          {t("shell.checkConnection")}
        </Button>
      )}
    </span>
  );
}
