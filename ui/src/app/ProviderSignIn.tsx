import { useTranslation } from "react-i18next";
import type { ProviderWorkspace } from "../bindings";
import { Button } from "../shared/Button";
import { FormError } from "../shared/errors";
import { useSignInOptions, useSignInWithProvider } from "./session";
import { TwoFactorStep, twoFactorStep } from "./TwoFactor";

const PROVIDER_FIELDS = [] as const;
const ACTIVE: ProviderWorkspace = { url: null, username: null };

/**
 * "Sign in with <provider>" for accounts that have providers (4S-SSO): the system browser
 * opens at the provider, and the console signs in once it comes back. The account's
 * two-factor rule may still ask for the authenticator's code afterwards.
 */
export function ProviderSignIn({
  workspace = ACTIVE,
  sayNone = false,
}: {
  /** A server and username typed on the welcome screen; the active workspace by default. */
  workspace?: ProviderWorkspace;
  /** Says so when the user's account offers no provider (the user asked for one). */
  sayNone?: boolean;
}) {
  const { t } = useTranslation();
  const options = useSignInOptions(workspace);
  const signIn = useSignInWithProvider();
  const step = twoFactorStep(signIn.error);
  if (step) return <TwoFactorStep kind={step} onCancel={() => signIn.reset()} />;
  if (options.error) return sayNone ? <FormError error={options.error} fields={PROVIDER_FIELDS} /> : null;
  if (!options.data?.length) {
    return sayNone && options.data ? <p role="status">{t("signIn.noProviders")}</p> : null;
  }
  return (
    <div className="provider-sign-in" role="group" aria-label={t("signIn.providers")}>
      <p className="muted">{t("signIn.or")}</p>
      {options.data.map((option) => (
        <Button
          key={option.provider_id}
          variant="secondary"
          busy={signIn.isPending && signIn.variables?.providerId === option.provider_id}
          disabled={signIn.isPending}
          onClick={() => signIn.mutate({ workspace, providerId: option.provider_id })}
        >
          {t("signIn.withProvider", { name: option.name })}
        </Button>
      ))}
      {signIn.isPending && <p role="status">{t("signIn.browserOpened")}</p>}
      <FormError error={signIn.error} fields={PROVIDER_FIELDS} />
    </div>
  );
}
