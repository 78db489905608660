import type { LocalSession } from "../runtime/session";

export interface ParsedArgs {
  /** Positional arguments after the command name. */
  positional: string[];
  /** --name value and --flag (true) options. */
  options: Record<string, string | true>;
}

/** One `npm run local -- <name> …` command. Commands live one per file in local/cli/commands/. */
export interface Command {
  name: string;
  usage: string;
  describe: string;
  /** Returns the machine-readable summary printed with --json; `text` is what a person reads. */
  run(session: LocalSession, args: ParsedArgs): Promise<{ json: unknown; text: string }>;
}

export function parseArgs(argv: string[]): { command: string | undefined; args: ParsedArgs } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) options[a.slice(2)] = argv[++i];
      else options[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { command: positional.shift(), args: { positional, options } };
}

export function option(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return typeof v === "string" ? v : undefined;
}

export function requireOption(args: ParsedArgs, name: string): string {
  const v = option(args, name);
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

export class UsageError extends Error {}
