import { type ComponentType, useEffect, useState } from "react";
import { LoadError } from "./LoadError";
import { Loading } from "./Loading";

type Module = { default: ComponentType };

/**
 * A screen whose code is downloaded when first shown (or earlier, through `load`). Not React.lazy: a lazy
 * component suspends on its first render however early its chunk arrived, and React then holds the
 * boundary's content back until 300 ms after its fallback showed (its Suspense throttle), which cost
 * the Profiles screen a third of its first second. Here a screen whose code is in renders at once; one
 * still arriving shows Loading, then itself, the moment it is in; one that failed says so, with a retry.
 */
export function lazyScreen(load: () => Promise<Module>): {
  screen: ComponentType;
  load: () => Promise<Module>;
} {
  let loaded: ComponentType | undefined;
  let loading: Promise<Module> | undefined;
  const loadOnce = () => {
    loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = undefined; // the next attempt downloads again
        throw error;
      },
    );
    return loading;
  };

  // biome-ignore lint/correctness/noComponentHookFactories: made once per screen when navigation.ts loads, never while rendering
  function LazyScreen(props: object) {
    const [screen, setScreen] = useState<{ component?: ComponentType; error?: Error }>(() =>
      loaded ? { component: loaded } : {},
    );
    useEffect(() => {
      if (screen.component || screen.error) return;
      let mounted = true;
      loadOnce().then(
        (module) => mounted && setScreen({ component: module.default }),
        (error: unknown) =>
          mounted && setScreen({ error: error instanceof Error ? error : new Error(String(error)) }),
      );
      return () => {
        mounted = false;
      };
    }, [screen]);
    if (screen.error)
      return (
        <LoadError title="This page could not be loaded" error={screen.error} onRetry={() => setScreen({})} />
      );
    const Screen = screen.component;
    return Screen ? <Screen {...props} /> : <Loading />;
  }
  return { screen: LazyScreen, load: loadOnce };
}
