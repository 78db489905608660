/**
 * `npm run local -- <command> [options]`: runs the BUILT dist/Code.js on the offline emulator, exactly as
 * Apps Script calls its top-level functions, and keeps the workbook as a real .xlsx.
 * Common options: --book FILE (default .local/book.xlsx), --now ISO, --as EMAIL, --mail DIR, --json.
 */

import { LocalSession } from "../runtime/session";
import { type Command, option, parseArgs, UsageError } from "./command";
import { COMMANDS } from "./registry";

function usage(commands: Command[]): string {
  return [
    "usage: npm run local -- <command> [--book FILE] [--now ISO] [--as EMAIL] [--json]",
    "",
    ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.describe}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { command, args } = parseArgs(argv);
  const found = COMMANDS.find((c) => c.name === command);
  if (!found) {
    console.error(command ? `Unknown command: ${command}\n` : "");
    console.error(usage(COMMANDS));
    return command ? 2 : 0;
  }
  const session = await LocalSession.open({
    book: option(args, "book"),
    now: option(args, "now"),
    as: option(args, "as"),
    mail: option(args, "mail"),
  });
  try {
    const { json, text } = await found.run(session, args);
    await session.save();
    if (args.options.json) console.log(JSON.stringify(json, null, 2));
    else console.log(text);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\nusage: npm run local -- ${found.usage}`);
      return 2;
    }
    console.error(`Error: ${(e as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
