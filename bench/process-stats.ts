/**
 * CPU time and peak memory of other processes, read from Linux's /proc: what a benchmark needs when the
 * measured program runs as its own process (`crosscal serve`, `crosscal worker`, PostgreSQL's server).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times (100 on every common Linux). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // gone meanwhile
  }
}

// Indexes into statFields (proc(5) numbers them from 1, the state being field 3).
const PPID = 1;
const UTIME = 11;
const STIME = 12;
const CUTIME = 13;
const CSTIME = 14;

const seconds = (fields: string[], ...at: number[]) =>
  at.reduce((sum, index) => sum + Number(fields[index]), 0) / TICKS_PER_SECOND;

/** User + system CPU seconds a process has used so far (0 once it has gone). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? seconds(fields, UTIME, STIME) : 0;
}

/**
 * CPU seconds of a process tree one level deep, as PostgreSQL's is (the postmaster and its backends): the
 * process, its children still running, and the children it has reaped (a backend whose connection closed).
 */
export function cpuSecondsWithChildren(pid: number): number {
  const own = statFields(pid);
  if (!own) return 0;
  let total = seconds(own, UTIME, STIME, CUTIME, CSTIME);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[PPID]) === pid) total += seconds(fields, UTIME, STIME);
  }
  return total;
}

/** A process's parent (PostgreSQL: a backend's parent is the postmaster). */
export function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[PPID]) : undefined;
}

/** Peak resident memory of a process so far, in bytes (VmHWM), or undefined once it has gone. */
export function peakRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
