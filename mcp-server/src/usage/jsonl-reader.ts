/**
 * Reads the complete lines a JSONL file gained after `offset`. A last line without its newline (a
 * writer mid-line, or a file cut off by a crash) is left for the next run: the returned offset stops
 * after the last newline, so a line is only ever read whole and only once.
 */
import { open } from "node:fs/promises";

const CHUNK = 1 << 20;

/**
 * Calls `onLine` with each complete line from `offset` up to `size` (the size listed; bytes appended
 * since are left for the next run) and resolves with the offset after the last complete line (or after
 * the line for which `onLine` returned "stop").
 * Reads in 1 MiB chunks, so a big transcript never blocks the event loop for long.
 */
export async function readNewLines(
  path: string,
  offset: number,
  size: number,
  onLine: (line: string) => "stop" | undefined,
): Promise<number> {
  const handle = await open(path, "r");
  try {
    let position = offset;
    let carry: Buffer = Buffer.alloc(0);
    let consumed = offset;
    while (position < size) {
      const want = Math.min(CHUNK, size - position);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, position);
      if (bytesRead === 0) break; // truncated since it was listed
      position += bytesRead;
      const data =
        carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        const stop = nl > start && onLine(data.toString("utf8", start, nl)) === "stop";
        start = nl + 1;
        if (stop) return consumed + start;
      }
      consumed += start;
      carry = Buffer.from(data.subarray(start));
    }
    return consumed;
  } finally {
    await handle.close();
  }
}
