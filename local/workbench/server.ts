/**
 * `npm start`: the local workbench. Buyerbook on a laptop, no Google account needed — the built dist/Code.js
 * on the emulator, a demo company on first run, the workbook kept as a real .xlsx.
 *
 *   npm start [-- --port 8080] [--host 127.0.0.1] [--book FILE.xlsx] [--dir .local] [--now ISO]
 */
import { parseServerArgs, type ServerArgs } from "./args";
import { PortInUseError, startWorkbench } from "./http";

async function main(): Promise<void> {
  let args: ServerArgs;
  try {
    args = parseServerArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  try {
    const running = await startWorkbench({ ...args, log: (line) => console.log(line) });
    const { bench } = running;
    console.log(`Buyerbook workbench: ${running.url}`);
    console.log(
      `  workbook ${bench.session.bookPath} · mail ${bench.mailDir} · clock ${bench.env.ctx.clock.now().toISOString()}`,
    );
    if (args.host !== "127.0.0.1" && args.host !== "localhost")
      console.log(`  Note: bound to ${args.host}; the page answers only to localhost/127.0.0.1 host names.`);
    console.log("  Press Ctrl+C to stop (the workbook is saved first).");
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (e) {
    if (e instanceof PortInUseError) console.error(e.message);
    else console.error(`The workbench could not start: ${(e as Error).stack ?? e}`);
    process.exit(1);
  }
}

void main();
