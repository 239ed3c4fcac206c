/**
 * Renders Bitrix24 BB-code as a terminal would show a chat: bold and underline as ANSI,
 * mentions as @Name, links as "text <url>", line breaks as newlines; tags it does not know are
 * dropped and their text kept. `color: false` gives plain text (for logs and snapshots).
 */
export function renderBbCode(text: string, options: { color: boolean } = { color: true }): string {
  const style = (code: string, inner: string) =>
    options.color ? `\u001b[${code}m${inner}\u001b[0m` : inner;
  return text
    .replace(/\[br\]/gi, '\n')
    .replace(/\[user=(\d+|all)\]([\s\S]*?)\[\/user\]/gi, (_m, _id: string, name: string) =>
      style('36', `@${name}`),
    )
    .replace(
      /\[url=([^\]]+)\]([\s\S]*?)\[\/url\]/gi,
      (_m, url: string, label: string) => `${label} <${url}>`,
    )
    .replace(/\[url\]([\s\S]*?)\[\/url\]/gi, '$1')
    .replace(/\[(send|put)=[^\]]*\]([\s\S]*?)\[\/\1\]/gi, (_m, _kind: string, label: string) =>
      style('4', label),
    )
    .replace(/\[b\]([\s\S]*?)\[\/b\]/gi, (_m, inner: string) => style('1', inner))
    .replace(/\[u\]([\s\S]*?)\[\/u\]/gi, (_m, inner: string) => style('4', inner))
    .replace(/\[i\]([\s\S]*?)\[\/i\]/gi, (_m, inner: string) => style('3', inner))
    .replace(/\[s\]([\s\S]*?)\[\/s\]/gi, (_m, inner: string) => style('9', inner))
    .replace(/\[color=#?[0-9a-f]{3,6}\]([\s\S]*?)\[\/color\]/gi, (_m, inner: string) =>
      style('33', inner),
    )
    .replace(/\[code\]([\s\S]*?)\[\/code\]/gi, '$1')
    .replace(/\[\/?(size|quote|table|tr|td|icon|img|code|context|chat)(=[^\]]*)?\]/gi, '')
    .replace(/^>>/gm, '│ ');
}
