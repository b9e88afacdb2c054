import type { paths } from "./schema";

type Responses<Operation> = Operation extends { responses: infer R } ? R : never;
type JsonOf<Content> = Content extends { content: { "application/json": infer Body } } ? Body : never;

/** The JSON a route answers with on success, e.g. `Answer<"/api/tokens", "get">` (201: pass the status). */
export type Answer<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends keyof Responses<paths[Path][Method]> = 200 & keyof Responses<paths[Path][Method]>,
> = JsonOf<Responses<paths[Path][Method]>[Status]>;

/** The JSON body a route takes, e.g. `RequestBody<"/api/tokens", "post">`. */
export type RequestBody<
  Path extends keyof paths,
  Method extends keyof paths[Path],
> = paths[Path][Method] extends {
  requestBody?: infer Body;
}
  ? JsonOf<NonNullable<Body>>
  : never;
