import { useTranslation } from "react-i18next";
import { Button } from "../shared/Button";
import { FormError } from "../shared/errors";
import { useOpenDemo } from "./session";
import { TwoFactorStep, twoFactorStep } from "./TwoFactor";

// Starting the embedded demo service takes a few seconds, so the wait is spelled out.
export function OpenDemoButton() {
  const { t } = useTranslation();
  const openDemo = useOpenDemo();
  const step = twoFactorStep(openDemo.error);
  // The demo account too may be set to require two-factor sign-in.
  if (step) return <TwoFactorStep kind={step} onCancel={() => openDemo.reset()} />;
  return (
    <>
      <FormError error={openDemo.error} fields={[]} />
      <div className="form__actions">
        <Button busy={openDemo.isPending} onClick={() => openDemo.mutate()}>
          {t("welcome.openDemo")}
        </Button>
        {openDemo.isPending && (
          <span role="status" className="muted">
            {t("welcome.openingDemo")}
          </span>
        )}
      </div>
    </>
  );
}
