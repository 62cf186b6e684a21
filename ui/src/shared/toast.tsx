import { FluentProvider, Toast, Toaster, ToastTitle, useId, useToastController } from "@fluentui/react-components";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

type Intent = "success" | "info" | "warning" | "error";
type Notify = (message: string, intent?: Intent) => void;

const ToasterId = createContext<string | null>(null);

/**
 * A layer of its own under the body that an open dialog leaves readable. A modal dialog hides
 * every other part of the page from screen readers (aria-hidden), the toaster's live region
 * with it, and a grant confirmed from the user drawer would be announced to nobody; the
 * library's focus manager spares elements that carry this attribute.
 */
function useNeverHiddenLayer() {
  const [layer] = useState(() => {
    const element = document.createElement("div");
    element.setAttribute("data-tabster-never-hide", "");
    return element;
  });
  useEffect(() => {
    document.body.appendChild(layer);
    return () => layer.remove();
  }, [layer]);
  return layer;
}

/** Where finished actions (granted, exported, synced) are announced: once, around every screen. */
export function ToastHost({ children }: { children: ReactNode }) {
  const id = useId("toaster");
  const layer = useNeverHiddenLayer();
  return (
    <ToasterId.Provider value={id}>
      {children}
      {createPortal(
        // A provider of its own: the theme's variables are set on a provider's element, and
        // this layer is outside the app's.
        <FluentProvider>
          <Toaster toasterId={id} position="bottom-end" inline />
        </FluentProvider>,
        layer,
      )}
    </ToasterId.Provider>
  );
}

/** Announces a finished action in a toast; a polite live region reads it out. */
export function useNotify(): Notify {
  const id = useContext(ToasterId);
  const { dispatchToast } = useToastController(id ?? undefined);
  return useCallback<Notify>(
    (message, intent = "success") =>
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, politeness: intent === "error" ? "assertive" : "polite" },
      ),
    [dispatchToast],
  );
}
