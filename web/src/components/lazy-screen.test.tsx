import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppProviders, newQueryClient } from "../AppProviders";
import { lazyScreen } from "./lazy-screen";

const Hello = () => <h1>Hello</h1>;

/** A chunk that arrives (or fails) when the test says. */
function chunk() {
  const calls: Array<{ resolve: (module: { default: typeof Hello }) => void; reject: (e: Error) => void }> =
    [];
  const load = () =>
    new Promise<{ default: typeof Hello }>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { load, calls };
}

const show = (Screen: React.ComponentType) =>
  render(
    <AppProviders queryClient={newQueryClient()}>
      <Screen />
    </AppProviders>,
  );

describe("a screen loaded when first shown", () => {
  it("renders at once, without a loading state, when its code came in beforehand", async () => {
    const source = chunk();
    const { screen: Screen, load } = lazyScreen(source.load);
    const loading = load();
    source.calls[0]!.resolve({ default: Hello });
    await loading;

    show(Screen);

    expect(screen.getByRole("heading", { name: "Hello" })).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
    expect(source.calls).toHaveLength(1);
  });

  it("shows Loading while its code arrives, then itself, downloading it once", async () => {
    const source = chunk();
    const { screen: Screen, load } = lazyScreen(source.load);
    void load();
    show(Screen);

    expect(screen.getByRole("status", { name: "Loading" })).toBeTruthy();
    source.calls[0]!.resolve({ default: Hello });
    expect(await screen.findByRole("heading", { name: "Hello" })).toBeTruthy();
    expect(source.calls).toHaveLength(1);
  });

  it("says when its code could not be downloaded, and downloads it again on Try again", async () => {
    const source = chunk();
    const { screen: Screen } = lazyScreen(source.load);
    show(Screen);
    source.calls[0]!.reject(new Error("Failed to fetch dynamically imported module"));

    expect(await screen.findByText("This page could not be loaded")).toBeTruthy();
    expect(screen.getByText(/Failed to fetch dynamically imported module/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(source.calls).toHaveLength(2);
    source.calls[1]!.resolve({ default: Hello });
    expect(await screen.findByRole("heading", { name: "Hello" })).toBeTruthy();
  });
});
