/** The User objects Apps Script returns from getEditors/getViewers/getOwner. */
export class EmulatedUser implements Pick<GoogleAppsScript.Base.User, "getEmail"> {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }

  toString(): string {
    return this.email;
  }
}

export function asUser(email: string): GoogleAppsScript.Base.User {
  return new EmulatedUser(email) as unknown as GoogleAppsScript.Base.User;
}

/** Accepts an email address or a User, as the addEditor/removeEditor overloads do. */
export function emailOf(userOrEmail: string | GoogleAppsScript.Base.User): string {
  const email = typeof userOrEmail === "string" ? userOrEmail : userOrEmail.getEmail();
  return email.trim().toLowerCase();
}
