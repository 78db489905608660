/**
 * Drive's User: who owns or shares a file. Apps Script shows the account's display name; the emulator has
 * only emails, so the name is the part before "@".
 */
export class EmulatedUser implements Pick<GoogleAppsScript.Drive.User, "getEmail" | "getName" | "getDomain"> {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }

  getName(): string {
    return this.email.split("@")[0] ?? "";
  }

  getDomain(): string {
    return this.email.split("@")[1] ?? "";
  }
}

export function usersOf(emails: Iterable<string>): GoogleAppsScript.Drive.User[] {
  return [...emails].sort().map((e) => new EmulatedUser(e) as unknown as GoogleAppsScript.Drive.User);
}
