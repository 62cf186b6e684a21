import { Dialog as FluentDialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Button } from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFocusReturn } from "./focusReturn";

type DialogProps = {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** The dialog's buttons, in its footer. */
  actions?: ReactNode;
  /** "alert" for a question that must be answered: the backdrop does not close it. */
  kind?: "modal" | "alert";
  className?: string;
};

/** A modal dialog: title and close button in its header, focus kept inside, Esc closes. */
export function Dialog({ title, onClose, children, actions, kind = "modal", className }: DialogProps) {
  const { t } = useTranslation();
  useFocusReturn();
  return (
    <FluentDialog open modalType={kind} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={className}>
        <DialogBody>
          <DialogTitle
            action={<Button appearance="subtle" aria-label={t("common.close")} icon={<Dismiss24Regular />} onClick={onClose} />}
          >
            {title}
          </DialogTitle>
          <DialogContent>{children}</DialogContent>
          {actions && <DialogActions>{actions}</DialogActions>}
        </DialogBody>
      </DialogSurface>
    </FluentDialog>
  );
}
