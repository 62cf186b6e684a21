import { Checkbox, Field as FluentField, Select } from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { IdentityProvider, IdentityProviderKind, IdentityProviderSettings } from "../../bindings";
import { Button } from "../../shared/Button";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { Field } from "../../shared/Field";
import { FormError, useFieldError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import {
  useDeleteIdentityProvider,
  useIdentityLinks,
  useIdentityProviders,
  useLinkIdentity,
  useSaveIdentityProvider,
  useUnlinkIdentity,
} from "./identityQueries";
import { useUsers } from "./queries";

const PROVIDER_FIELDS = ["name", "issuer", "client_id"] as const;
const LINK_FIELDS = ["subject"] as const;
const EMPTY: IdentityProviderSettings = { name: "", issuer: "", client_id: "", kind: "workforce", link_by_email: false };

/** The account's OpenID providers and who signs in through each (4S-SSO, UQ-NO-SOCIAL-LOGIN). */
export function IdentityProviders({ accountId }: { accountId: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const providers = useIdentityProviders(accountId);
  const remove = useDeleteIdentityProvider();
  const [editing, setEditing] = useState<IdentityProvider | "new" | null>(null);
  return (
    <section className="providers" aria-label={t("roles.providers.title")}>
      <h3 className="providers__title">{t("roles.providers.title")}</h3>
      <p className="muted">{t("roles.providers.intro")}</p>
      {providers.error && <FormError error={providers.error} fields={[]} />}
      {providers.data && providers.data.items.length === 0 && <p>{t("roles.providers.none")}</p>}
      <ul className="provider-list">
        {providers.data?.items.map((provider) => (
          <li key={provider.id} aria-label={provider.name}>
            <strong>{provider.name}</strong> <span className="muted">{t(`roles.providers.kinds.${provider.kind}`)}</span>
            <div className="muted">{provider.issuer}</div>
            <div>{t("roles.providers.linkedUsers", { count: provider.linked_users })}</div>
            <div className="form__actions">
              <Button variant="secondary" onClick={() => setEditing(provider)}>
                {t("roles.providers.edit")}
              </Button>
              <ConfirmButton
                title={t("roles.providers.deleteTitle")}
                question={t("roles.providers.deleteQuestion", { name: provider.name, count: provider.linked_users })}
                busy={remove.isPending && remove.variables === provider.id}
                onConfirm={() =>
                  remove.mutate(provider.id, {
                    onSuccess: () => notify(t("roles.providers.deleted", { name: provider.name })),
                  })
                }
              >
                {t("roles.providers.delete")}
              </ConfirmButton>
            </div>
            <ProviderLinks accountId={accountId} providerId={provider.id} />
          </li>
        ))}
      </ul>
      <FormError error={remove.error} fields={[]} />
      {editing === null ? (
        <Button variant="secondary" icon={<Add20Regular />} onClick={() => setEditing("new")}>
          {t("roles.providers.add")}
        </Button>
      ) : (
        <ProviderForm
          accountId={accountId}
          provider={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function ProviderForm({
  accountId,
  provider,
  onDone,
}: {
  accountId: number;
  provider: IdentityProvider | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveIdentityProvider(accountId);
  const fieldError = useFieldError(save.error);
  const [form, setForm] = useState<IdentityProviderSettings>(provider ?? EMPTY);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings: IdentityProviderSettings = {
      name: form.name,
      issuer: form.issuer,
      client_id: form.client_id,
      kind: form.kind,
      link_by_email: form.link_by_email,
    };
    save.mutate(
      { id: provider?.id ?? null, settings },
      {
        onSuccess: () => {
          notify(t("roles.providers.saved", { name: settings.name }));
          onDone();
        },
      },
    );
  };
  const text = (key: "name" | "issuer" | "client_id") => (
    <Field
      label={t(`roles.providers.${key}`)}
      value={form[key]}
      error={fieldError(key)}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
    />
  );
  return (
    <form className="form" aria-label={t(provider ? "roles.providers.editTitle" : "roles.providers.addTitle")} onSubmit={submit}>
      {text("name")}
      {text("issuer")}
      {text("client_id")}
      <FluentField label={t("roles.providers.kind")}>
        <Select value={form.kind} onChange={(_, data) => setForm({ ...form, kind: data.value as IdentityProviderKind })}>
          <option value="workforce">{t("roles.providers.kinds.workforce")}</option>
          <option value="social">{t("roles.providers.kinds.social")}</option>
        </Select>
      </FluentField>
      <Checkbox
        label={t("roles.providers.link_by_email")}
        checked={form.link_by_email}
        onChange={(_, data) => setForm({ ...form, link_by_email: data.checked === true })}
      />
      <FormError error={save.error} fields={PROVIDER_FIELDS} />
      <div className="form__actions">
        <Button type="submit" busy={save.isPending}>
          {t("roles.providers.save")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function ProviderLinks({ accountId, providerId }: { accountId: number; providerId: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const links = useIdentityLinks(providerId);
  const link = useLinkIdentity(providerId);
  const unlink = useUnlinkIdentity(providerId);
  const users = useUsers({
    q: null,
    role: null,
    locked: null,
    blocked: null,
    account_id: accountId,
    channel_id: null,
    after: null,
  });
  const fieldError = useFieldError(link.error);
  const [userId, setUserId] = useState<number | null>(null);
  const [subject, setSubject] = useState("");
  const linked = new Set(links.data?.items.map((l) => l.user_id));
  const choices = users.data?.value.users.filter((u) => !linked.has(u.user.id)) ?? [];
  const chosen = userId ?? choices[0]?.user.id ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null) return;
    const username = choices.find((u) => u.user.id === chosen)?.user.username ?? "";
    link.mutate(
      { user_id: chosen, subject },
      {
        onSuccess: () => {
          setSubject("");
          notify(t("roles.providers.linked", { username }));
        },
      },
    );
  };
  return (
    <div className="provider-links">
      <ul aria-label={t("roles.providers.links")}>
        {links.data?.items.map((l) => (
          <li key={l.user_id}>
            <span>{t("roles.providers.linkedAs", { username: l.username, subject: l.subject })}</span>
            <ConfirmButton
              variant="quiet"
              title={t("roles.providers.unlinkTitle")}
              question={t("roles.providers.unlinkQuestion", { username: l.username })}
              busy={unlink.isPending && unlink.variables === l.user_id}
              aria-label={t("roles.providers.unlinkUser", { username: l.username })}
              onConfirm={() =>
                unlink.mutate(l.user_id, {
                  onSuccess: () => notify(t("roles.providers.unlinked", { username: l.username })),
                })
              }
            >
              {t("roles.providers.unlink")}
            </ConfirmButton>
          </li>
        ))}
      </ul>
      <form className="form" aria-label={t("roles.providers.linkTitle")} onSubmit={submit}>
        <FluentField label={t("roles.providers.user")}>
          <Select value={chosen === null ? "" : String(chosen)} onChange={(_, data) => setUserId(Number(data.value))}>
            {choices.map((u) => (
              <option key={u.user.id} value={u.user.id}>
                {u.user.username}
              </option>
            ))}
          </Select>
        </FluentField>
        <Field
          label={t("roles.providers.subject")}
          hint={t("roles.providers.subjectHint")}
          value={subject}
          error={fieldError("subject")}
          onChange={(e) => setSubject(e.target.value)}
        />
        <FormError error={link.error ?? unlink.error} fields={LINK_FIELDS} />
        <div className="form__actions">
          <Button type="submit" variant="secondary" busy={link.isPending} disabled={chosen === null}>
            {t("roles.providers.link")}
          </Button>
        </div>
      </form>
    </div>
  );
}
