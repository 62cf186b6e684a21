import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../shared/Button";
import { FormError, useFieldError } from "../../shared/errors";
import { Field } from "../../shared/Field";
import { useNotify } from "../../shared/toast";
import { useChangePassword } from "./queries";

const MIN_LENGTH = 6;
const SERVER_FIELDS = ["current_password", "new_password"] as const;

type LocalProblem = { field: "new" | "confirm"; message: string };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problem, setProblem] = useState<LocalProblem | null>(null);
  const mutation = useChangePassword();
  const serverFieldError = useFieldError(mutation.error);
  const notify = useNotify();

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.reset();
    if (next.length < MIN_LENGTH) return setProblem({ field: "new", message: t("settings.tooShort") });
    if (next !== confirm) return setProblem({ field: "confirm", message: t("settings.mismatch") });
    setProblem(null);
    mutation.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent("");
          setNext("");
          setConfirm("");
          notify(t("settings.changed"));
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className="card__title">
        {t("settings.passwordTitle")}
      </h2>
      <Field
        label={t("settings.currentPassword")}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={serverFieldError("current_password")}
      />
      <Field
        label={t("settings.newPassword")}
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={problem?.field === "new" ? problem.message : serverFieldError("new_password")}
      />
      <Field
        label={t("settings.confirmPassword")}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={problem?.field === "confirm" ? problem.message : null}
      />
      <FormError error={mutation.error} fields={SERVER_FIELDS} />
      <div className="form__actions">
        <Button type="submit" busy={mutation.isPending}>
          {mutation.isPending ? t("settings.changing") : t("settings.changePassword")}
        </Button>
      </div>
    </form>
  );
}
