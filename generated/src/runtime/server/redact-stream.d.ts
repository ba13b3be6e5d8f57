// falgen's runtime (runtime/server/redact-stream.ts), written by `falgen generate`. Do not edit.
/**
* `body` with every occurrence of `key` in any of its forms (its secret, other letter case, hex,
* base64: see `keyForms`) replaced by `[redacted]`, as it streams: the proxy's answers never carry
* its key, even when upstream echoes it. Bytes are compared, not text: a key is printable ASCII,
* whose bytes never occur inside a UTF-8 sequence, and any other bytes (binary, invalid UTF-8)
* pass through unchanged. A chunk's last bytes that might begin a key are held back until the
* next chunk (or the end) decides.
*/
export declare function redactStream(body: ReadableStream<Uint8Array>, key: string): ReadableStream<Uint8Array>;
