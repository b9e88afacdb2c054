import { type RefObject, useEffect } from "react";

/**
 * After a failed submit, puts the keyboard on the first input marked invalid (Mantine sets aria-invalid
 * on an input given an `error`), so its message is read out and the admin can fix it at once.
 */
export function useFocusInvalid(form: RefObject<HTMLFormElement | null>, error: unknown): void {
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, error]);
}
