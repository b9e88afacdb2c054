import { etagOf, occurrenceId } from "./identifiers.js";
import type { EventFields, EventView, StoredEvent } from "./model.js";
import { epochOf } from "./times.js";

/** The identity and version data every rendering of a view needs. */
export interface ViewFacts {
  id: string;
  master: StoredEvent;
  type: "singleInstance" | "seriesMaster" | "occurrence" | "exception";
  changeKey: string;
  etag: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  fields: EventFields;
  start: number;
  end: number;
  originalStart?: number;
}

export function factsOf(view: EventView): ViewFacts {
  if (view.kind === "stored") {
    const { event } = view;
    return {
      id: event.id,
      master: event,
      type: event.type,
      changeKey: event.changeKey,
      etag: etagOf(event.changeKey),
      createdDateTime: event.createdDateTime,
      lastModifiedDateTime: event.lastModifiedDateTime,
      fields: event.fields,
      start: epochOf(event.fields.start),
      end: epochOf(event.fields.end),
    };
  }
  const { master, exception } = view;
  const changeKey = exception?.changeKey ?? master.changeKey;
  return {
    id: occurrenceId(master.id, view.originalStart),
    master,
    type: exception ? "exception" : "occurrence",
    changeKey,
    etag: etagOf(changeKey),
    createdDateTime: exception?.createdDateTime ?? master.createdDateTime,
    lastModifiedDateTime: exception?.lastModifiedDateTime ?? master.lastModifiedDateTime,
    fields: { ...master.fields, ...exception?.overrides },
    start: view.start,
    end: view.end,
    originalStart: view.originalStart,
  };
}
