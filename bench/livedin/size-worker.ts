/**
 * Measures every lived-in scenario on one book size in its own process (`tsx size-worker.ts <index>`), so
 * each size's memory is its own and sizes can run side by side. Prints the rows as JSON on the last line.
 */
import { measureSize, SIZES } from "../livedin";

const index = Number(process.argv[2]);
const size = SIZES[index];
if (!size) throw new Error(`no size ${process.argv[2]}`);
const rows = measureSize(size);
process.stdout.write(`\n${JSON.stringify(rows)}\n`);
