import { type CSSVariablesResolver, createTheme, darken, luminance } from "@mantine/core";

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
    // A table wider (or taller) than its box scrolls inside it: keyboard users scroll it once it has focus.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
    // A link inside a sentence must not be told from the text by its colour alone.
    Anchor: { defaultProps: { underline: "always" } },
  },
});

/** WCAG's contrast ratio of two colours. */
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/**
 * The text colour of "light" variants (badges, alerts, the current navigation link) on their pale
 * background, shade 1, or shade 2 under the mouse: Mantine's shade 9, darkened where that stays under
 * 4.5:1 (a green badge reads at 3.8:1, a hovered blue link at 4.0:1, yellow at 2.7:1).
 */
function lightVariantText(shades: readonly string[]): string {
  return darkEnough(shades[9]!, shades[2]!);
}

/** `color`, darkened in small steps until text in it on `background` (or on it) reaches 4.5:1. */
function darkEnough(color: string, background: string): string {
  let amount = 0;
  while (contrast(darken(color, amount), background) < 4.6 && amount < 0.6) amount += 0.05;
  return darken(color, amount);
}

/**
 * The light scheme's colour variables made readable: "filled" (white text on it: buttons, badges; also
 * coloured text, c="green") at 4.5:1 against white, where Mantine's shade 8 is lighter (green 3.4:1,
 * red 4.4:1), and the "light" variants' text (lightVariantText).
 */
function readableColors(colors: Record<string, readonly string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(colors).flatMap(([name, shades]) => {
      const filled = darkEnough(shades[8]!, "#ffffff");
      return [
        [`--mantine-color-${name}-filled`, filled],
        [`--mantine-color-${name}-filled-hover`, darken(filled, 0.1)],
        [`--mantine-color-${name}-light-color`, lightVariantText(shades)],
      ];
    }),
  );
}

export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": resolved.colors.gray[7],
    // Links stay readable on a selected (pale blue) table row too: shade 8 reaches only 4.1:1 there.
    "--mantine-color-anchor": resolved.colors[resolved.primaryColor]![9],
    ...readableColors(resolved.colors),
  },
  dark: { "--mantine-color-dimmed": resolved.colors.dark[1] },
});
