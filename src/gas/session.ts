/**
 * Who is acting. The active user is empty for triggers run by someone else and for consumer accounts
 * outside the owner's domain; the effective user (the trigger owner, or the person) is the fallback.
 */
export function currentUserEmail(): string {
  const active = Session.getActiveUser().getEmail();
  return (active || Session.getEffectiveUser().getEmail() || "").toLowerCase();
}
