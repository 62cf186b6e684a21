import { useTranslation } from "react-i18next";
import { Button } from "../shared/Button";
import { FormError } from "../shared/errors";
import { useOpenDemo } from "./session";

// Starting the embedded demo service takes a few seconds, so the wait is spelled out.
export function OpenDemoButton() {
  const { t } = useTranslation();
  const openDemo = useOpenDemo();
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
