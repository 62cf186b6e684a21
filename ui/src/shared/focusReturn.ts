import { useEffect, useState } from "react";

/**
 * Gives focus back to what had it when a dialog or drawer opened, once that dialog is gone.
 * The library restores focus only to a DialogTrigger's button; ours open from table rows,
 * cards and menus by state, so the opener is taken when the surface mounts (before the
 * library moves focus into it) and focused again after the surface has left the page, unless
 * focus already went somewhere on purpose or another modal surface has opened meanwhile (taking
 * focus out of it would leave the new one hidden by the library's focus manager).
 */
export function useFocusReturn() {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      requestAnimationFrame(() => {
        const now = document.activeElement;
        const lost = now === null || now === document.body || !now.isConnected;
        const modalOpen = document.querySelector("[aria-modal='true']") !== null;
        if (lost && !modalOpen && opener?.isConnected && opener !== document.body) opener.focus();
      });
    },
    [opener],
  );
}
