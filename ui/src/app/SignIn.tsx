import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Profile, SessionEndReason } from "../bindings";
import { Button } from "../shared/Button";
import { FormError, useFieldError } from "../shared/errors";
import { ExternalLink } from "../shared/ExternalLink";
import { Field } from "../shared/Field";
import { AuthLayout } from "./AuthLayout";
import { OpenDemoButton } from "./OpenDemoButton";
import { ProviderSignIn } from "./ProviderSignIn";
import { useLeaveWorkspace, useSignIn } from "./session";
import { TwoFactorStep, twoFactorStep } from "./TwoFactor";

type SignInProps = { profile: Profile; endReason: SessionEndReason | null };

export function SignIn({ profile, endReason }: SignInProps) {
  const { t } = useTranslation();
  const leave = useLeaveWorkspace();
  return (
    <AuthLayout>
      <section className="card auth__card auth__card--single" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title" className="card__title">
          {t("signIn.title")}
        </h2>
        {endReason && (
          <MessageBar intent="info" layout="multiline" role="status" aria-labelledby={undefined}>
            <MessageBarBody>{t(`ended.${endReason}`)}</MessageBarBody>
          </MessageBar>
        )}
        <dl className="facts">
          <dt>{t("signIn.workspace")}</dt>
          <dd>{profile.name}</dd>
          <dt>{t("signIn.server")}</dt>
          <dd>{profile.demo ? profile.url : <ExternalLink href={profile.url}>{profile.url}</ExternalLink>}</dd>
          <dt>{t("signIn.username")}</dt>
          <dd>{profile.username}</dd>
        </dl>
        {profile.demo ? (
          <DemoSignIn />
        ) : (
          <>
            <PasswordSignIn />
            <ProviderSignIn />
          </>
        )}
        <FormError error={leave.error} fields={[]} />
        <div className="auth__footer">
          <Button variant="quiet" busy={leave.isPending} onClick={() => leave.mutate()}>
            {t("signIn.useAnother")}
          </Button>
        </div>
      </section>
    </AuthLayout>
  );
}

function DemoSignIn() {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">{t("signIn.demoText")}</p>
      <OpenDemoButton />
    </>
  );
}

const SIGN_IN_FIELDS = ["password"] as const;

function PasswordSignIn() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const fieldError = useFieldError(signIn.error);
  const [password, setPassword] = useState("");
  const step = twoFactorStep(signIn.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate(password);
  }

  if (step) return <TwoFactorStep kind={step} onCancel={() => signIn.reset()} />;

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <Field
        label={t("signIn.password")}
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError("password")}
      />
      <FormError error={signIn.error} fields={SIGN_IN_FIELDS} />
      <div className="form__actions">
        <Button type="submit" busy={signIn.isPending}>
          {signIn.isPending ? t("signIn.signingIn") : t("signIn.submit")}
        </Button>
      </div>
    </form>
  );
}
