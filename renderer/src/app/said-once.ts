/**
 * Whether an error's message says what its label says: both open with the same verb ("Cannot reach
 * endpoint" over "Cannot reach ws://…"). The message, which names the URL, is then said alone; the
 * two together read "Cannot reach endpoint — Cannot reach ws://…".
 */
export function restates(label: string, message: string): boolean {
  const verb = label.split(' ').slice(0, 2).join(' ').toLowerCase();
  return message.trim().toLowerCase().startsWith(verb);
}
