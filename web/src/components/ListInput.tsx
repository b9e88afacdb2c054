import { TextInput, type TextInputProps } from "@mantine/core";
import { useState } from "react";

interface ListInputProps extends Omit<TextInputProps, "value" | "onChange" | "defaultValue"> {
  value: string[];
  onChange: (items: string[]) => void;
}

const itemsOf = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");

const same = (a: string[], b: string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * A list typed as text, items separated by commas (categories, organizer domains). The text stays as
 * typed ("Contoso, ") while the list it stands for goes to `onChange`; a new list from outside replaces it.
 */
export function ListInput({ value, onChange, ...props }: ListInputProps) {
  const [text, setText] = useState(() => value.join(", "));
  const shown = same(itemsOf(text), value) ? text : value.join(", ");
  return (
    <TextInput
      {...props}
      value={shown}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(itemsOf(event.currentTarget.value));
      }}
    />
  );
}
