import type { FileStore } from "../storage/file-store.js";
import { encodePng } from "./png.js";
import type { FileKind, FileSink, StoredFile } from "./synthesize-value.js";
import { encodeSilentWav } from "./wav.js";

/**
 * The files of one request's output. Images are real PNGs of the requested size, audio a real
 * WAV of silence, 3D models a minimal valid glTF binary; video and other files are small
 * placeholder bytes with the right content type.
 */
export function createMediaFiles(store: FileStore, requestId: string, imageSize: { width: number; height: number }, seed: number): FileSink {
  const prefix = requestId.slice(0, 8);
  return {
    create(kind: FileKind, index: number): StoredFile {
      const name = `${prefix}-${index}`;
      switch (kind) {
        case "image": {
          const bytes = encodePng(imageSize.width, imageSize.height, ((seed % 997) + index * 89) / 997);
          return { ...stored(store, bytes, "image/png", `${name}.png`), width: imageSize.width, height: imageSize.height };
        }
        case "audio":
          return stored(store, encodeSilentWav(), "audio/wav", `${name}.wav`);
        case "video":
          return stored(store, placeholderMp4(), "video/mp4", `${name}.mp4`);
        case "model":
          return stored(store, minimalGlb(), "model/gltf-binary", `${name}.glb`);
        default:
          return stored(store, Buffer.from(`falgen simulator file ${name}\n`), "application/octet-stream", `${name}.bin`);
      }
    },
  };
}

function stored(store: FileStore, bytes: Buffer, contentType: string, fileName: string): StoredFile {
  return { url: store.put(bytes, contentType, fileName), content_type: contentType, file_name: fileName, file_size: bytes.length };
}

/** An MP4 `ftyp` box: recognisable as MP4, not playable. */
function placeholderMp4(): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write("ftypisom", 4, "latin1");
  box.writeUInt32BE(0x200, 12);
  box.write("isomiso2", 16, "latin1");
  return box;
}

/** A glTF 2.0 binary with an empty scene: valid, loadable, shows nothing. */
function minimalGlb(): Buffer {
  let json = JSON.stringify({ asset: { version: "2.0", generator: "falgen simulator" } });
  while (json.length % 4 !== 0) json += " ";
  const jsonChunk = Buffer.from(json, "utf8");
  const header = Buffer.alloc(20);
  header.write("glTF", 0, "latin1");
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + jsonChunk.length, 8);
  header.writeUInt32LE(jsonChunk.length, 12);
  header.writeUInt32LE(0x4e4f534a, 16); // "JSON"
  return Buffer.concat([header, jsonChunk]);
}
