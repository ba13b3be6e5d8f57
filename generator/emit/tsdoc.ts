/** Text made safe for a `/** ... *\/` block: a spec string can never close the comment early. */
export function tsdocText(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\r\n?|\u2028|\u2029/g, "\n");
}
