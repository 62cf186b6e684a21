import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../shared/Button";
import { FormError, useFieldError } from "../shared/errors";
import { Field } from "../shared/Field";
import { AuthLayout } from "./AuthLayout";
import type { ProviderWorkspace } from "../bindings";
import { OpenDemoButton } from "./OpenDemoButton";
import { ProviderSignIn } from "./ProviderSignIn";
import { useConnectServer } from "./session";
import { TwoFactorStep, twoFactorStep } from "./TwoFactor";

export function Welcome() {
  return (
    <AuthLayout>
      <div className="auth__cards">
        <DemoCard />
        <ConnectCard />
      </div>
    </AuthLayout>
  );
}

function DemoCard() {
  const { t } = useTranslation();
  return (
    <section className="card auth__card" aria-labelledby="demo-title">
      <h2 id="demo-title" className="card__title">
        {t("welcome.demoTitle")}
      </h2>
      <p className="muted">{t("welcome.demoText")}</p>
      <OpenDemoButton />
    </section>
  );
}

const CONNECT_FIELDS = ["url", "username", "password"] as const;

function ConnectCard() {
  const { t } = useTranslation();
  const connect = useConnectServer();
  const fieldError = useFieldError(connect.error);
  const [url, setUrl] = useState("https://");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  // A third-party-only account has no password to connect with: its providers are asked for.
  const [providersFor, setProvidersFor] = useState<ProviderWorkspace | null>(null);
  const step = twoFactorStep(connect.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    connect.mutate({ url: url.trim(), username: username.trim(), password });
  }

  return (
    <section className="card auth__card" aria-labelledby="connect-title">
      <h2 id="connect-title" className="card__title">
        {t("welcome.connectTitle")}
      </h2>
      {step ? (
        <TwoFactorStep kind={step} onCancel={() => connect.reset()} />
      ) : (
        <>
          <p className="muted">{t("welcome.connectText")}</p>
          <form className="form" onSubmit={submit} noValidate aria-labelledby="connect-title">
            <Field
              label={t("welcome.url")}
              hint={t("welcome.urlHint")}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              required
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={fieldError("url")}
            />
            <Field
              label={t("welcome.username")}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              error={fieldError("username")}
            />
            <Field
              label={t("welcome.password")}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldError("password")}
            />
            <FormError error={connect.error} fields={CONNECT_FIELDS} />
            <div className="form__actions">
              <Button type="submit" busy={connect.isPending}>
                {connect.isPending ? t("welcome.connecting") : t("welcome.connect")}
              </Button>
              <Button variant="quiet" onClick={() => setProvidersFor({ url: url.trim(), username: username.trim() })}>
                {t("welcome.findProviders")}
              </Button>
            </div>
          </form>
          {providersFor && <ProviderSignIn key={JSON.stringify(providersFor)} workspace={providersFor} sayNone />}
        </>
      )}
    </section>
  );
}
