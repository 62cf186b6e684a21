import { Field as FluentField, Input, type InputProps } from "@fluentui/react-components";

type FieldProps = Omit<InputProps, "id" | "size" | "value" | "required"> & {
  label: string;
  hint?: string | undefined;
  /** The service's complaint about this field, shown under it (CommandError's field errors). */
  error?: string | null | undefined;
  value?: string | number | undefined;
  required?: boolean | undefined;
};

export function Field({ label, hint, error, required = false, value, ...input }: FieldProps) {
  return (
    <FluentField
      label={label}
      hint={hint ?? null}
      validationMessage={error || null}
      validationState={error ? "error" : "none"}
    >
      <Input required={required} {...(value === undefined ? {} : { value: String(value) })} {...input} />
    </FluentField>
  );
}
