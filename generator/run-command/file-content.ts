import { fileTypeFromBuffer } from "file-type";
import mime from "mime";

/**
 * How many bytes of a download are looked at before any is saved: file-type's own sample size,
 * enough for every format it knows by its first bytes.
 */
export const SNIFF_BYTES = 4100;

/** What an output says one of its files is. */
export interface ExpectedContent {
  /** A media type: the file's `content_type`, else the type of its `file_name`'s or URL's extension. */
  type: string | undefined;
  /** `image`, `video` or `audio`: of `type`, else of the field's name (`images-0`, `video_url`). */
  kind: string | undefined;
}

/** What a download turned out to be, when that is not what its output says. */
export type ContentVerdict =
  /** Not the file at all (an error or sign-in page, an empty body): not saved. */
  | { refused: string }
  /** A file of another kind or format: saved under `extension`, with `warning` said. */
  | { warning: string; extension: string }
  /** What the output says, or nothing tells otherwise. */
  | undefined;

/** What the output says a file is: `content_type`, then the extension of `file_name`, then of the URL, then the field's name. */
export function expectedContent(contentType: string | undefined, fileName: string | undefined, url: string, fieldName: string): ExpectedContent {
  const type = [contentType && typeOnly(contentType), fileName && mime.getType(fileName), !url.startsWith("data:") && mime.getType(new URL(url).pathname)].find((found) => found && !GENERIC.test(found)) || undefined;
  const kind = type !== undefined ? MEDIA.exec(type)?.[1] : fieldKind(fieldName);
  return { type, kind };
}

/** `image`, `video` or `audio` when a field's name says so (`images-0`, `video_url`, `mask_url`: a mask is an image). */
export function fieldKind(name: string): string | undefined {
  const word = /(?:^|[^a-z])(image|video|audio|mask)s?(?:[^a-z]|$)/i.exec(name)?.[1]?.toLowerCase();
  return word === "mask" ? "image" : word;
}

/**
 * Judges a download by its first bytes (`head`: SNIFF_BYTES, or the whole of a shorter file) and
 * its `content-type` header against what the output says. The bytes decide when they tell (a PNG
 * signature, a ZIP's, an HTML page's first tag); the header only when they do not, and then only
 * a different kind of file (not a different image format) counts, as servers often label loosely.
 */
export async function judgeContent(head: Uint8Array, header: string | undefined, expected: ExpectedContent): Promise<ContentVerdict> {
  const { type: wanted, kind } = expected;
  if (wanted === undefined && kind === undefined) return undefined;
  const what = wanted ?? kind;
  if (head.length === 0 && !isPage(wanted)) return { refused: `answered an empty body, not the ${what} the output names` };
  const sniffed = await sniff(head);
  const headerType = header === undefined ? undefined : typeOnly(header);
  const received = sniffed?.type ?? (headerType && !GENERIC.test(headerType) ? headerType : undefined);
  if (received === undefined) return undefined;
  const said = sniffed === undefined ? " (by its content-type)" : headerType === undefined || sameFormat(headerType, sniffed.type) ? " (by its first bytes)" : ` (by its first bytes; its content-type said ${headerType})`;
  if (isPage(received) && !isPage(wanted) && received !== "image/svg+xml") return { refused: `answered ${received}${said}, not the ${what} the output names (an error page?)` };
  const fits = sniffed !== undefined && wanted !== undefined ? sameFormat(received, wanted) : sameKind(received, kind ?? wanted!);
  if (fits) return undefined;
  const extension = sniffed?.extension ?? mime.getExtension(received) ?? "bin";
  return { warning: `sent ${received}${said}, not the ${what} the output names`, extension };
}

/** Media types that name no format: they say nothing either way. */
const GENERIC = /^(application\/octet-stream|binary\/octet-stream|application\/x-binary)$/;

const MEDIA = /^(image|video|audio)\//;

/** Media types a server answers with instead of a file: an HTML page, text, a JSON or XML error body. */
const PAGE_TYPES = /^(text\/.*|application\/(json|xml|xhtml\+xml|problem\+json))$/;

/** Whether `type` is what servers answer instead of a file: a page, text, a JSON or XML body. */
export function isPage(type: string | undefined): boolean {
  return type !== undefined && PAGE_TYPES.test(type);
}

/** `image/png; charset=...` -> `image/png`. */
function typeOnly(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
}

/**
 * What `head` is by its first bytes: a binary format file-type knows by its signature, else a page
 * (HTML, SVG, XML, JSON or plain text, by its first characters), else undefined.
 */
export async function sniff(head: Uint8Array): Promise<{ type: string; extension: string } | undefined> {
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  // XML is text: below, an SVG image is told from other XML (an error body).
  if (found && found.mime !== "application/xml") return { type: found.mime, extension: found.ext };
  let text: string;
  try {
    // `stream`: a character cut at the sample's end is no reason to call it binary.
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true }).replace(/^\uFEFF/, "").trimStart();
  } catch {
    return undefined;
  }
  // Control characters other than whitespace: a binary format file-type does not know.
  if (/[\u0000-\u0008\u000E-\u001F\u007F]/.test(text)) return undefined;
  const type = /^<(!doctype html|html|head|body)[\s>]/i.test(text)
    ? "text/html"
    : /^<(\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?)?<svg[\s>]/i.test(text)
      ? "image/svg+xml"
      : text.startsWith("<")
        ? "application/xml"
        : /^[[{]/.test(text)
          ? "application/json"
          : "text/plain";
  return { type, extension: mime.getExtension(type)! };
}

/**
 * Whether two media types name one format: the same type, extensions in common (`image/jpg` and
 * `image/jpeg`, `audio/mp3` and `audio/mpeg`), or one container for audio or video (`audio/mp4`
 * and `video/mp4`: a file's bytes do not say which it holds).
 */
function sameFormat(a: string, b: string): boolean {
  if (a === b) return true;
  const [aTop, aSub] = a.split("/") as [string, string];
  const [bTop, bSub] = b.split("/") as [string, string];
  const av = /^(audio|video)$/;
  if (av.test(aTop) && av.test(bTop) && aSub === bSub) return true;
  const extensions = (type: string, sub: string) => mime.getAllExtensions(type) ?? new Set([sub.replace(/^x-/, "")]);
  const theirs = extensions(b, bSub);
  return [...extensions(a, aSub)].some((extension) => theirs.has(extension));
}

/** Whether `type` is a file of the kind `wanted` names (`image`, or a media type's top level); audio and video containers pass for either. */
function sameKind(type: string, wanted: string): boolean {
  const top = (of: string) => of.split("/")[0]!;
  const [a, b] = [top(type), top(wanted)];
  return a === b || (/^(audio|video)$/.test(a) && /^(audio|video)$/.test(b));
}
