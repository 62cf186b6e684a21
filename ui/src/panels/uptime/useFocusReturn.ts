import { useCallback, useRef, type SyntheticEvent } from "react";

/**
 * Gives focus back to the button that opened a dialog once the dialog has gone. The library
 * restores focus only to a DialogTrigger's button; these dialogs are opened from table rows
 * and card headers, so the opener is remembered here.
 */
export function useFocusReturn() {
  const opener = useRef<HTMLElement | null>(null);
  const remember = useCallback((event: SyntheticEvent<HTMLElement>) => {
    opener.current = event.currentTarget;
  }, []);
  const giveBack = useCallback(() => {
    const target = opener.current;
    opener.current = null;
    // After the dialog's own unmount, which takes its focus trap with it.
    requestAnimationFrame(() => {
      if (target?.isConnected && (document.activeElement === null || document.activeElement === document.body)) target.focus();
    });
  }, []);
  return { remember, giveBack };
}
