import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

type ConfirmButtonProps = {
  /** The button's label; the dialog's confirming button says the same. */
  children: ReactNode;
  /** The question: what will happen, to whom. */
  question: ReactNode;
  title: ReactNode;
  onConfirm: () => void;
  busy?: boolean;
  disabled?: boolean;
  variant?: "primary" | "secondary" | "quiet";
  "aria-label"?: string;
};

/** A destructive action (revoke, block, cancel a window) asks first, in an alert dialog. */
export function ConfirmButton({ children, question, title, onConfirm, busy, disabled, variant = "secondary", "aria-label": ariaLabel }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button variant={variant} busy={busy} disabled={disabled} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {children}
      </Button>
      {asking && (
        <Dialog
          kind="alert"
          title={title}
          onClose={() => setAsking(false)}
          actions={
            <>
              <Button variant="secondary" onClick={() => setAsking(false)}>
                {t("common.cancel")}
              </Button>
              <Button
                variant="primary"
                onClick={() => {
                  setAsking(false);
                  onConfirm();
                }}
              >
                {children}
              </Button>
            </>
          }
        >
          {question}
        </Dialog>
      )}
    </>
  );
}
