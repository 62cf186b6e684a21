import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SecuritySettings } from "../../bindings";
import { Button } from "../../shared/Button";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { useSaveSecuritySettings, useSecuritySettings } from "./queries";

const FIELDS = ["min_password_length", "lockout_minutes"] as const;

export function SecuritySettingsForm({ accountId, onClose }: { accountId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const current = useSecuritySettings(accountId);
  const save = useSaveSecuritySettings(accountId);
  const [form, setForm] = useState<SecuritySettings | null>(null);
  const fieldError = useFieldError(save.error);
  useEffect(() => {
    if (current.data && !form) setForm(current.data);
  }, [current.data, form]);
  if (!form) return null;
  const tooShort = form.min_password_length < 6;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooShort) save.mutate(form);
  };
  const flag = (key: "require_two_factor" | "third_party_only" | "social_sign_in") => (
    <label>
      <input type="checkbox" checked={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.checked })} />{" "}
      {t(`roles.settings.${key}`)}
    </label>
  );
  return (
    <form className="card drawer" aria-label={t("roles.securitySettings")} onSubmit={submit}>
      <h2 className="card__title">{t("roles.securitySettings")}</h2>
      <Field
        label={t("roles.settings.min_password_length")}
        type="number"
        value={form.min_password_length}
        error={tooShort ? t("roles.settings.minTooShort") : fieldError("min_password_length")}
        onChange={(e) => setForm({ ...form, min_password_length: Number(e.target.value) })}
      />
      <Field
        label={t("roles.settings.lockout_minutes")}
        type="number"
        value={form.lockout_minutes}
        error={fieldError("lockout_minutes")}
        onChange={(e) => setForm({ ...form, lockout_minutes: Number(e.target.value) })}
      />
      {flag("require_two_factor")}
      {flag("third_party_only")}
      {flag("social_sign_in")}
      <FormError error={save.error} fields={FIELDS} />
      {save.isSuccess && <p role="status">{t("roles.settings.saved")}</p>}
      <Button type="submit" busy={save.isPending}>
        {t("roles.settings.save")}
      </Button>
      <Button variant="quiet" onClick={onClose}>
        {t("roles.close")}
      </Button>
    </form>
  );
}
