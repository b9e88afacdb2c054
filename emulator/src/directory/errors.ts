import { GraphError } from "../graph/errors.js";

/** Directory (Entra) errors use their own codes, unlike Outlook's `Error*` codes. */
export const resourceNotFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const unsupportedQuery = (message = "Unsupported Query.") =>
  new GraphError(400, "Request_UnsupportedQuery", message);

export const unsupportedFilterProperty = (property: string, resource: "User" | "Group" | "DirectoryObject") =>
  unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
  );

export const directoryBadRequest = (message: string) => new GraphError(400, "Request_BadRequest", message);
