import { Toast, Toaster, ToastTitle, useId, useToastController } from "@fluentui/react-components";
import { createContext, useCallback, useContext, type ReactNode } from "react";

type Intent = "success" | "info" | "warning" | "error";
type Notify = (message: string, intent?: Intent) => void;

const ToasterId = createContext<string | null>(null);

/** Where finished actions (granted, exported, synced) are announced: once, around every screen. */
export function ToastHost({ children }: { children: ReactNode }) {
  const id = useId("toaster");
  return (
    <ToasterId.Provider value={id}>
      {children}
      <Toaster toasterId={id} position="bottom-end" />
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
