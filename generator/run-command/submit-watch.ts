/**
 * What `falgen run` knows of its submit while it is in flight, seen from the client's `fetch`:
 * whether the `POST <queue>/<endpoint id>` left, and the request id its answer's headers named
 * (`x-fal-request-id`), which arrive before the body. So a submit cut off by --timeout or a dropped
 * connection still reports the id fal gave it, or says that none came while the request may be
 * queued.
 */
export class SubmitWatch {
  /** Whether the submit was handed to the network (uploads before it are not). */
  sent = false;
  /** The id the submit's answer named in its headers, before its body was read. */
  requestId: string | undefined;

  /** The submit's URL, as `URL` spells it (a host's case, default ports), to compare with each call's. */
  private readonly submitUrl: string;

  /** `submitUrl`: `<queue URL>/<endpoint id>`, the URL the runtime submits to. */
  constructor(submitUrl: string) {
    const url = new URL(submitUrl);
    this.submitUrl = `${url.origin}${url.pathname}`;
  }

  /** A `fetch` for `createFalClient` that watches the submit and passes every call through. */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    const isSubmit = (init?.method ?? request?.method ?? "GET").toUpperCase() === "POST" && `${url.origin}${url.pathname}` === this.submitUrl;
    if (isSubmit) this.sent = true;
    const response = await globalThis.fetch(input, init);
    if (isSubmit) this.requestId = response.headers.get("x-fal-request-id") ?? this.requestId;
    return response;
  };
}
