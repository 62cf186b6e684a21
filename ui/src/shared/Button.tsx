import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "quiet";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  busy?: boolean;
};

export function Button({ variant = "primary", busy = false, disabled, type = "button", className, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={["button", `button--${variant}`, className].filter(Boolean).join(" ")}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      {...rest}
    />
  );
}
