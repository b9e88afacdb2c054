import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { ApiError, errorOfAnswer, notAnswering } from "../../api/errors";
import { queryKeys } from "../../api/query-keys";
import type { Answer } from "../../api/types";

export type ImportReport = Answer<"/api/syncs/{syncId}/profiles/import", "post">;
export type ImportRow = ImportReport["rows"][number];

/** What is imported: a CSV file's bytes (the service checks they are UTF-8), or pasted lines. */
export type ImportSource =
  | { kind: "csv"; fileName: string; base64: string }
  | { kind: "lines"; text: string };

export interface ImportResult {
  report: ImportReport;
  /** Why nothing was written (some rows invalid, or the input unreadable); null when it was accepted. */
  refused: string | null;
}

/** Files above this are refused here: as base64 they would not fit the 4 MiB the service takes. */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;

/** A file's bytes as base64 (the API's `csvBase64`), in chunks so a large file does not overflow the stack. */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** A file's bytes, from browsers' `arrayBuffer()` or, where a File lacks it, a FileReader. */
export async function bytesOf(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Sends an import, as a dry run (nothing written) or for real. A refused import (422) is an answer
 * here, not a failure: it carries the report saying which rows to fix.
 */
async function runImport(syncId: string, source: ImportSource, dryRun: boolean): Promise<ImportResult> {
  const body = source.kind === "csv" ? { csvBase64: source.base64 } : { lines: source.text };
  const send = () =>
    api.POST("/api/syncs/{syncId}/profiles/import", {
      params: { path: { syncId }, query: { dryRun } },
      body,
    });
  let result: Awaited<ReturnType<typeof send>>;
  try {
    result = await send();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw notAnswering();
  }
  const { response, data, error } = result;
  const rejected = error as { error?: { message?: string }; report?: ImportReport } | undefined;
  if (response.status === 422 && rejected?.report)
    return { report: rejected.report, refused: rejected.error?.message ?? "nothing was imported" };
  if (!response.ok || !data) throw errorOfAnswer(response.status, error);
  return { report: data, refused: null };
}

/** The report of what an import would do; nothing is written. */
export const useImportCheck = () =>
  useMutation({
    mutationFn: ({ syncId, source }: { syncId: string; source: ImportSource }) =>
      runImport(syncId, source, true),
  });

/** The import itself, once the admin has seen the report: all rows or none. */
export function useImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ syncId, source }: { syncId: string; source: ImportSource }) =>
      runImport(syncId, source, false),
    onSuccess: (result) => {
      if (!result.report.written) return;
      void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
    },
  });
}
