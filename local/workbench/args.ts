/** Command-line options of `npm start` (local/workbench/server.ts). */
export interface ServerArgs {
  port: number;
  host: string;
  book?: string;
  dir: string;
  now?: string;
  language?: "en" | "zh-CN";
}

export const USAGE = `Usage: npm start -- [--port N] [--host ADDR] [--book FILE.xlsx] [--dir DIR] [--now ISO] [--language en|zh-CN]
  --port N        port to listen on (default 8080, or $PORT)
  --host ADDR     address to bind (default 127.0.0.1: only this computer can reach it)
  --book FILE     start from an existing workbook instead of the demo company
  --dir DIR       data folder for book.xlsx, mail/ and docs/ (default .local)
  --now ISO       the clock of a new demo company (default: now)
  --language L    the language of a new demo company: en or zh-CN (default en)`;

export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerArgs {
  const args: ServerArgs = { port: Number(env.PORT || 8080), host: "127.0.0.1", dir: ".local" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === "--port") args.port = Number(value());
    else if (flag === "--host") args.host = value();
    else if (flag === "--book") args.book = value();
    else if (flag === "--dir") args.dir = value();
    else if (flag === "--now") args.now = value();
    else if (flag === "--language") {
      const v = value();
      if (v !== "en" && v !== "zh-CN") throw new Error(`--language must be en or zh-CN\n${USAGE}`);
      args.language = v;
    } else if (flag === "--help" || flag === "-h") throw new Error(USAGE);
    else throw new Error(`Unknown option ${flag}\n${USAGE}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
    throw new Error(`--port must be a number from 0 to 65535\n${USAGE}`);
  if (args.now !== undefined && Number.isNaN(new Date(args.now).getTime()))
    throw new Error(`--now is not a date: ${args.now}`);
  return args;
}
