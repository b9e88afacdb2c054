import { useState } from "react";

export interface Dialog<Item> {
  /** What the dialog is about (the token to delete), kept until it has faded out. */
  item: Item | null;
  opened: boolean;
  open(item: Item): void;
  close(): void;
  /** For Modal's `onExitTransitionEnd`: forgets the item once nothing shows it. */
  exited(): void;
}

/**
 * A dialog about one thing. Its content stays while it fades out, rather than emptying first ("Delete
 * the token “”?"), and a secret it showed is forgotten once closed.
 */
export function useDialog<Item>(): Dialog<Item> {
  const [item, setItem] = useState<Item | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    item,
    opened,
    open: (next) => {
      setItem(next);
      setOpened(true);
    },
    close: () => setOpened(false),
    exited: () => setItem(null),
  };
}
