import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { rememberingHasher } from "../../generator/shared/file-hashes.js";
import { contentHash } from "../../generator/shared/content-hash.js";
import { tempDir } from "../helpers/temp-dir.js";

const LONG_AGO = new Date("2020-01-01T00:00:00Z");

/** A file last modified long ago, hashed and recorded by one run. */
async function recorded(contents: string) {
  const dir = await tempDir("hashes");
  const file = path.join(dir, "spec.json");
  const record = path.join(dir, "cache", "file-hashes.json");
  writeFileSync(file, contents);
  utimesSync(file, LONG_AGO, LONG_AGO);
  const first = rememberingHasher(record);
  expect(first.hash(file)).toEqual({ sha256: contentHash(contents), bytes: Buffer.from(contents) });
  first.save();
  return { file, record };
}

test("a file nobody touched since the last run is not read again", async () => {
  const { file, record } = await recorded("{}");
  expect(rememberingHasher(record).hash(file)).toEqual({ sha256: contentHash("{}") });
});

test("a rewrite that keeps the size and sets the mtime back is still seen (its ctime moved)", async () => {
  const { file, record } = await recorded("{ 1 }");
  writeFileSync(file, "{ 2 }");
  utimesSync(file, LONG_AGO, LONG_AGO);
  expect(rememberingHasher(record).hash(file)?.sha256).toBe(contentHash("{ 2 }"));
});

test("a file modified no earlier than the record was written is read again (racily clean)", async () => {
  const { file, record } = await recorded("{}");
  // As if the file had been written in the record's own clock tick, after it was hashed.
  const earlier = new Date(LONG_AGO.getTime() - 1000);
  utimesSync(record, earlier, earlier);
  expect(rememberingHasher(record).hash(file)).toEqual({ sha256: contentHash("{}"), bytes: Buffer.from("{}") });
});

test("a missing file has no hash; a damaged record means every file is read", async () => {
  const { file, record } = await recorded("{}");
  expect(rememberingHasher(record).hash(`${file}.gone`)).toBeUndefined();
  writeFileSync(record, "[1, 2");
  expect(rememberingHasher(record).hash(file)).toEqual({ sha256: contentHash("{}"), bytes: Buffer.from("{}") });
});

test("files a run wrote are known by the hashes they were written with", async () => {
  const { file, record } = await recorded("old");
  const run = rememberingHasher(record);
  // More than a handful: a record that lacks only a few changed files is not rewritten (see the next test).
  const files = [file, ...Array.from({ length: 20 }, (_, index) => path.join(path.dirname(file), `out-${index}.js`))];
  for (const written of files) {
    writeFileSync(written, "new");
    utimesSync(written, LONG_AGO, LONG_AGO);
    run.written(written, contentHash("new"));
  }
  run.save();
  const next = rememberingHasher(record);
  for (const written of files) expect(next.hash(written)).toEqual({ sha256: contentHash("new") });
});

test("a record that lacks a few changed files is kept as it is: the next run reads them again", async () => {
  const { file, record } = await recorded("old");
  const run = rememberingHasher(record);
  writeFileSync(file, "new");
  run.written(file, contentHash("new"));
  run.save();
  expect(JSON.stringify(Object.values(JSON.parse(readFileSync(record, "utf8"))))).toContain(contentHash("old"));
  expect(rememberingHasher(record).hash(file)).toEqual({ sha256: contentHash("new"), bytes: Buffer.from("new") });
});

test("a record in another shape (an earlier falgen's) is not trusted: the file is read", async () => {
  const { file, record } = await recorded("{}");
  writeFileSync(record, JSON.stringify({ [file]: ["2", "0", "0", "0", contentHash("stale")] }));
  utimesSync(record, new Date(), new Date());
  expect(rememberingHasher(record).hash(file)).toEqual({ sha256: contentHash("{}"), bytes: Buffer.from("{}") });
});
