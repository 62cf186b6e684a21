import { Checkbox } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SecuritySettings } from "../../bindings";
import { Button } from "../../shared/Button";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import { useSaveSecuritySettings, useSecuritySettings } from "./queries";

const FIELDS = ["min_password_length", "lockout_minutes"] as const;

export function SecuritySettingsForm({ accountId }: { accountId: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
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
    if (!tooShort) save.mutate(form, { onSuccess: () => notify(t("roles.settings.saved")) });
  };
  const flag = (key: "require_two_factor" | "third_party_only" | "social_sign_in") => (
    <Checkbox
      label={t(`roles.settings.${key}`)}
      checked={form[key]}
      onChange={(_, data) => setForm({ ...form, [key]: data.checked === true })}
    />
  );
  return (
    <form className="form" aria-label={t("roles.securitySettings")} onSubmit={submit}>
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
      <div className="roles-flags">
        {flag("require_two_factor")}
        {flag("third_party_only")}
        {flag("social_sign_in")}
      </div>
      <FormError error={save.error} fields={FIELDS} />
      <div className="form__actions">
        <Button type="submit" busy={save.isPending}>
          {t("roles.settings.save")}
        </Button>
      </div>
    </form>
  );
}
