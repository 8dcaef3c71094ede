/**
 * A CSV file as a byte stream, produced page by page: the consumer's pull asks `nextPage()` for the next
 * batch of records (e.g. one keyset page of the database), so a large export never sits in
 * memory as one string and a slow client slows the reads down instead of buffering them.
 */
import { type CsvCell, type CsvOptions, csvHeader, csvRow } from "./encode";

/** Input of {@link csvStream}. */
export interface CsvStreamInput extends CsvOptions {
  columns: readonly string[];
  /** The next batch of records; an empty batch ends the file. Called once per pull (awaited). */
  nextPage: () => readonly (readonly CsvCell[])[] | Promise<readonly (readonly CsvCell[])[]>;
}

/** A UTF-8 CSV stream: header first, then each page of records as one chunk. */
export function csvStream(input: CsvStreamInput): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(utf8.encode(csvHeader(input.columns, input)));
        return;
      }
      const page = await input.nextPage();
      if (page.length === 0) {
        controller.close();
        return;
      }
      let text = "";
      for (const r of page) text += csvRow(r);
      controller.enqueue(utf8.encode(text));
    },
  });
}

/** `nextPage` over rows already in memory (small tables: comparisons, chargeback), `size` at a time. */
export function pagesOf(
  rows: readonly (readonly CsvCell[])[],
  size = 500,
): () => readonly (readonly CsvCell[])[] {
  let at = 0;
  return () => {
    const page = rows.slice(at, at + size);
    at += page.length;
    return page;
  };
}
