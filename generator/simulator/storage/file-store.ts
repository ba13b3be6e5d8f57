import { randomBytes } from "node:crypto";

export interface StoredBytes {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * Files the simulator serves at `<url>/_files/<token>/<file name>`: generated outputs and storage
 * uploads. File URLs are public, like fal's CDN: the unguessable token is the only key.
 */
export class FileStore {
  private readonly files = new Map<string, StoredBytes>();
  private readonly pending = new Map<string, { contentType: string; fileName: string }>();

  constructor(private readonly baseUrl: string) {}

  /** Stores bytes now and returns their URL. */
  put(bytes: Buffer, contentType: string, fileName: string): string {
    const token = newToken();
    this.files.set(token, { bytes, contentType, fileName });
    return this.urlOf(token, fileName);
  }

  /** Reserves a URL whose bytes arrive later (storage upload); returns the token and the URL. */
  reserve(contentType: string, fileName: string): { token: string; url: string } {
    const token = newToken();
    this.pending.set(token, { contentType, fileName });
    return { token, url: this.urlOf(token, fileName) };
  }

  /** Fills a reserved file; false when the token was never reserved. */
  fill(token: string, bytes: Buffer, contentType?: string): boolean {
    const reserved = this.pending.get(token) ?? this.files.get(token);
    if (!reserved) return false;
    this.files.set(token, { bytes, contentType: contentType || reserved.contentType, fileName: reserved.fileName });
    return true;
  }

  isReserved(token: string): boolean {
    return this.pending.has(token) || this.files.has(token);
  }

  get(token: string): StoredBytes | undefined {
    return this.files.get(token);
  }

  private urlOf(token: string, fileName: string): string {
    return `${this.baseUrl}/_files/${token}/${encodeURIComponent(fileName)}`;
  }
}

export function newToken(): string {
  return randomBytes(12).toString("hex");
}
