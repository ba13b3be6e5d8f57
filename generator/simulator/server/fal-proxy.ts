/**
 * `@fal-ai/client`'s proxy mode (`proxyUrl`) sends every call to one URL and names the real
 * target in `x-fal-target-url`. The simulator accepts that header on any path and serves the
 * target as if it had been called directly:
 *   https://queue.fal.run/<path>      -> <url>/<path>
 *   https://rest.fal.ai/<path>        -> <url>/_rest/<path>   (also rest.alpha.fal.ai)
 *   https://fal.run/<endpoint id>     -> <url>/_run/<endpoint id> (synchronous run)
 * and the simulator's own URLs as they are. Anything else is refused, like fal's proxy does.
 */
export const TARGET_URL_HEADER = "x-fal-target-url";

export function internalPathOf(target: string, ownOrigin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (url.origin === ownOrigin) return pathAndQuery;
  if (url.protocol !== "https:") return undefined;
  switch (url.hostname) {
    case "queue.fal.run":
      return pathAndQuery;
    case "rest.fal.ai":
    case "rest.alpha.fal.ai":
      return `/_rest${pathAndQuery}`;
    case "fal.run":
      return `/_run${pathAndQuery}`;
    default:
      return undefined;
  }
}
