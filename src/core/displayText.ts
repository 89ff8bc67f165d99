// Text from a server (or an error built from it) on its way to a notification, the status bar
// or a tooltip: one line, bounded, and inert. VS Code renders `[label](target)` in notifications
// as a link (`command:` targets run commands) and `$(name)` in the status bar as an icon.

/** Longest text shown; a server can send a page of HTML as its error. */
export const DISPLAY_TEXT_MAX = 300;

export function displayText(text: string, max = DISPLAY_TEXT_MAX): string {
  let out = text
    // Control characters (newlines, escapes) would break the line.
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    // A link keeps its words; a web address stays readable, any other target is dropped.
    .replace(/!?\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (_, label: string, target: string) =>
      /^https?:\/\//i.test(target) ? `${label} (${target})` : label,
    )
    .replace(/\]\s*\(/g, '] (')
    .replace(/\$\(([^)]*)\)/g, '$1')
    .replace(/\$\(/g, '(')
    // Auto-linked `command:` URIs: with a space after the colon they no longer parse as one.
    .replace(/\b(command|vscode|file):(?=\S)/gi, '$1: ')
    .replace(/\s+/g, ' ')
    .trim();
  if (out.length > max) out = `${out.slice(0, max - 1).trimEnd()}…`;
  return out;
}
