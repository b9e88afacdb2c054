import { useEffect, useState } from "react";

/**
 * The time now (milliseconds), renewed every `intervalMs` while `active`: what a countdown ("next check in
 * 40 s") renders from. Inactive, it keeps the last value and sets no timer.
 */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
