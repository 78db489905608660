/**
 * The User objects Apps Script hands out: Session.getActiveUser/getEffectiveUser and Spreadsheet/Document
 * getEditors/getOwner give a Base.User; DriveApp's File/Folder give a Drive.User, which adds name and domain.
 * One class serves both. Apps Script shows the account's display name; the emulator knows only addresses,
 * so the name is the part before "@".
 * References: developers.google.com/apps-script/reference/base/user, .../drive/user.
 */
type BaseUser = GoogleAppsScript.Base.User;
type DriveUser = GoogleAppsScript.Drive.User;

export class User implements Pick<BaseUser, "getEmail">, Pick<DriveUser, "getEmail" | "getName" | "getDomain"> {
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

  /** String concatenation of a User gives the address, as in Apps Script. */
  toString(): string {
    return this.email;
  }
}

export function baseUser(email: string): BaseUser {
  return new User(email) as unknown as BaseUser;
}

export function driveUser(email: string): DriveUser {
  return new User(email) as unknown as DriveUser;
}

/** getEditors/getViewers lists: sorted by address so results do not depend on the order of sharing. */
export function driveUsers(emails: Iterable<string>): DriveUser[] {
  return [...emails].sort().map(driveUser);
}

/** The address of an email-or-User argument (the addEditor(emailAddress) / addEditor(user) overloads), as given. */
export function emailOf(userOrEmail: string | { getEmail(): string }): string {
  return typeof userOrEmail === "string" ? userOrEmail : userOrEmail.getEmail();
}

/** The same, trimmed and lower-cased, for comparing with stored addresses. */
export function normalizedEmailOf(userOrEmail: string | { getEmail(): string }): string {
  return emailOf(userOrEmail).trim().toLowerCase();
}
