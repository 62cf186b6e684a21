import { Button as FluentButton, Spinner } from "@fluentui/react-components";
import type { ButtonHTMLAttributes, ReactElement } from "react";

type Variant = "primary" | "secondary" | "quiet";

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "disabled"> & {
  variant?: Variant;
  /** The action runs: the button is disabled and shows a spinner. */
  busy?: boolean | undefined;
  disabled?: boolean | undefined;
  icon?: ReactElement | undefined;
};

const APPEARANCE = { primary: "primary", secondary: "secondary", quiet: "subtle" } as const;

/** The app's one button: the library's, with the three weights the screens use. */
export function Button({ variant = "primary", busy = false, disabled, icon, type = "button", ...rest }: ButtonProps) {
  return (
    <FluentButton
      type={type}
      appearance={APPEARANCE[variant]}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      icon={busy ? <Spinner size="extra-tiny" /> : (icon ?? null)}
      {...rest}
    />
  );
}
