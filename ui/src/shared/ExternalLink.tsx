import { Link } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { ipc } from "../ipc";

// The webview must never navigate away from the app: outside pages open in the system browser.
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      rel="noreferrer"
      onClick={(event) => {
        event.preventDefault();
        void ipc.openExternal(href);
      }}
    >
      {children}
    </Link>
  );
}
