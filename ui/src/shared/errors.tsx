import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { CommandError } from "../bindings";
import { userTimeText } from "./time";

export function useDescribeError(): (error: CommandError) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    switch (error.kind) {
      case "insecure_url":
        return t("errors.insecure_url");
      case "locked":
        return t("errors.locked", { time: userTimeText(error.locked_until, i18n.language) });
      case "offline":
        return t("errors.offline");
      case "keyring":
        return t("errors.keyring", { message: error.message });
      default:
        // The service words these for the situation at hand (wrong password, missing role…).
        return error.message;
    }
  };
}

/** The message to show at an input, when the error names that input. */
export function useFieldError(error: CommandError | null) {
  const describe = useDescribeError();
  return (field: string): string | null =>
    error?.kind === "invalid_input" && error.field === field ? describe(error) : null;
}

type FormErrorProps = {
  error: CommandError | null;
  /** Inputs of the form, whose errors are shown at the input instead. */
  fields: readonly string[];
};

export function FormError({ error, fields }: FormErrorProps) {
  const describe = useDescribeError();
  if (!error) return null;
  if (error.kind === "invalid_input" && error.field !== null && fields.includes(error.field)) return null;
  // A bar with no title: nothing to label it by, the message is its content. Multiline: the
  // service's words wrap instead of widening the card.
  return (
    <MessageBar intent="error" layout="multiline" role="alert" aria-labelledby={undefined}>
      <MessageBarBody>{describe(error)}</MessageBarBody>
    </MessageBar>
  );
}
