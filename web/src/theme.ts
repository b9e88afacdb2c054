import { type CSSVariablesResolver, createTheme } from "@mantine/core";

/** Icon-only close buttons get a name screen readers can say (Mantine leaves it to each use). */
const closeButtonProps = { "aria-label": "Close" };

/**
 * Mantine's defaults, with colours dark enough for WCAG AA text contrast (4.5:1): the primary shade under
 * white button text, and dimmed text (Mantine's own gray-6 reaches only about 3.3:1 on white).
 */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  focusRing: "auto",
  defaultRadius: "sm",
  components: {
    // Plain objects, not Modal.extend(): the shell's bundle should not carry the dialogs' code.
    Modal: { defaultProps: { closeButtonProps } },
    Drawer: { defaultProps: { closeButtonProps } },
    // A link inside a sentence must not be told from the text by its colour alone.
    Anchor: { defaultProps: { underline: "always" } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: { "--mantine-color-dimmed": resolved.colors.gray[7] },
  dark: { "--mantine-color-dimmed": resolved.colors.dark[1] },
});
