import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { AppLayout } from "./components/AppLayout";
import { Loading } from "./components/Loading";
import { RequireSession } from "./components/RequireSession";
import { SCREENS } from "./navigation";

const FirstRunScreen = lazy(() => import("./screens/first-run/FirstRunScreen"));
const SignInScreen = lazy(() => import("./screens/sign-in/SignInScreen"));
const NotFoundScreen = lazy(() => import("./screens/not-found/NotFoundScreen"));

/**
 * The dashboard's routes: first-run setup and sign-in are open; every other screen needs a session and
 * shows in the app shell. Every screen is loaded when first opened (navigation.ts).
 */
export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/setup" component={FirstRunScreen} />
        <Route path="/sign-in" component={SignInScreen} />
        <Route>
          <RequireSession>
            <AppLayout>
              <Suspense fallback={<Loading />}>
                <Switch>
                  {SCREENS.map((entry) => (
                    <Route key={entry.path} path={entry.path} component={entry.screen} />
                  ))}
                  <Route component={NotFoundScreen} />
                </Switch>
              </Suspense>
            </AppLayout>
          </RequireSession>
        </Route>
      </Switch>
    </Suspense>
  );
}
