import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError } from "../bindings";
import { ipc } from "../ipc";
import { Button } from "../shared/Button";
import { FormError, useFieldError } from "../shared/errors";
import { Field } from "../shared/Field";
import { useSubmitTotp } from "./session";

export type TwoFactorKind = "two_factor_required" | "two_factor_enrolment_required";

/** The sign-in answer that asks for the second step (4S-SSO), if it is one. */
export function twoFactorStep(error: CommandError | null): TwoFactorKind | null {
  return error?.kind === "two_factor_required" || error?.kind === "two_factor_enrolment_required"
    ? error.kind
    : null;
}

type Props = { kind: TwoFactorKind; onCancel: () => void };

/**
 * The second step of a sign-in whose password was right: the authenticator's code, or
 * first the enrolment of one. The password stays on the Rust side meanwhile.
 */
export function TwoFactorStep({ kind, onCancel }: Props) {
  const { t } = useTranslation();
  const cancel = useMutation({ mutationFn: ipc.cancelSignIn, onSettled: onCancel });
  // An enrolment left unfinished (the app closed before the first code) asks for a code
  // too; the service lets it start over until a code has proven it.
  const [enrolAgain, setEnrolAgain] = useState(false);
  const enrol = kind === "two_factor_enrolment_required" || enrolAgain;
  return (
    <div className="two-factor">
      {enrol ? (
        <Enrolment />
      ) : (
        <>
          <p className="muted">{t("twoFactor.codeText")}</p>
          <CodeForm />
          <Button variant="quiet" onClick={() => setEnrolAgain(true)}>
            {t("twoFactor.enrolAgain")}
          </Button>
        </>
      )}
      <div className="auth__footer">
        <Button variant="quiet" busy={cancel.isPending} onClick={() => cancel.mutate()}>
          {t("twoFactor.back")}
        </Button>
      </div>
    </div>
  );
}

function Enrolment() {
  const { t } = useTranslation();
  const enrol = useMutation({ mutationFn: ipc.startTotpEnrolment });
  const enrolment = enrol.data;
  if (!enrolment) {
    return (
      <>
        <p className="muted">{t("twoFactor.enrolText")}</p>
        <FormError error={enrol.error} fields={[]} />
        <div className="form__actions">
          <Button busy={enrol.isPending} onClick={() => enrol.mutate()}>
            {t("twoFactor.startEnrolment")}
          </Button>
        </div>
      </>
    );
  }
  return (
    <>
      <p className="muted">{t("twoFactor.scanText")}</p>
      <img
        className="two-factor__qr"
        src={`data:image/svg+xml,${encodeURIComponent(enrolment.qr_svg)}`}
        alt={t("twoFactor.qrAlt")}
        width={200}
        height={200}
      />
      <p className="muted">{t("twoFactor.manualText")}</p>
      <p>
        <code className="two-factor__secret" aria-label={t("twoFactor.secret")}>
          {groupSecret(enrolment.secret)}
        </code>
      </p>
      <CodeForm />
    </>
  );
}

/** Groups of four, as authenticator apps show and ask for them. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

const CODE_FIELDS = ["totp"] as const;

function CodeForm() {
  const { t } = useTranslation();
  const submit = useSubmitTotp();
  const fieldError = useFieldError(submit.error);
  const [code, setCode] = useState("");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.mutate(code);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t("twoFactor.codeForm")}>
      <Field
        label={t("twoFactor.code")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError("totp")}
      />
      <FormError error={submit.error} fields={CODE_FIELDS} />
      <div className="form__actions">
        <Button type="submit" busy={submit.isPending}>
          {t("twoFactor.confirm")}
        </Button>
      </div>
    </form>
  );
}
