import { useMutation } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import type { RequestBody } from "../../api/types";

export type SetupInput = RequestBody<"/api/setup", "post">;

/** POST /api/setup: the setup token creates the first administrator. */
export const useSetup = () =>
  useMutation({ mutationFn: (input: SetupInput) => answer(api.POST("/api/setup", { body: input })) });
