import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, OverlayDrawer } from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFocusReturn } from "./focusReturn";

type DrawerProps = {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: "small" | "medium" | "large";
  className?: string;
};

/**
 * A panel's details slide in from the right: modal (the page dims, focus stays inside and
 * returns to what opened it), closed by Esc, the backdrop or the header's close button.
 */
export function Drawer({ title, onClose, children, size = "medium", className }: DrawerProps) {
  const { t } = useTranslation();
  useFocusReturn();
  return (
    <OverlayDrawer open position="end" size={size} className={className} onOpenChange={(_, data) => !data.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label={t("common.close")} icon={<Dismiss24Regular />} onClick={onClose} />}
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{children}</DrawerBody>
    </OverlayDrawer>
  );
}
