// A strict little XML reader for the SVG the report and the batch plots write.

/** An element read back. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

// A strict little XML reader: balanced tags, quoted unique attributes, known entities only,
// one root element. Throws on anything a conforming parser would reject in these files.
export function parseXml(source: string): XmlElement {
  const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const checkText = (text: string): string => {
    if (/[<]/.test(text)) throw new Error(`bare < in text: ${text.slice(0, 40)}`);
    if (/&/.test(text.replace(entity, ''))) throw new Error(`bare & in: ${text.slice(0, 40)}`);
    return text;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = source.startsWith('<?xml') ? source.indexOf('?>') + 2 : 0;
  while (i < source.length) {
    const open = source.indexOf('<', i);
    const text = source.slice(i, open < 0 ? source.length : open);
    if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root');
    if (stack.length > 0) (stack[stack.length - 1] as XmlElement).text += checkText(text);
    if (open < 0) break;
    const close = source.indexOf('>', open);
    if (close < 0) throw new Error('unterminated tag');
    const tag = source.slice(open + 1, close);
    i = close + 1;
    if (tag.startsWith('/')) {
      const top = stack.pop();
      if (top === undefined || top.name !== tag.slice(1).trim())
        throw new Error(`mismatched </${tag.slice(1)}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const match = /^([A-Za-z_][\w:.-]*)([\s\S]*)$/.exec(body);
    if (match === null) throw new Error(`bad tag <${tag}>`);
    const attributes: Record<string, string> = {};
    let rest = (match[2] as string).trim();
    while (rest !== '') {
      const a = /^([A-Za-z_][\w:.-]*)\s*=\s*"([^"<]*)"\s*/.exec(rest);
      if (a === null) throw new Error(`bad attribute in <${tag}>`);
      if ((a[1] as string) in attributes) throw new Error(`repeated attribute ${a[1]}`);
      attributes[a[1] as string] = checkText(a[2] as string);
      rest = rest.slice(a[0].length);
    }
    const element: XmlElement = { name: match[1] as string, attributes, children: [], text: '' };
    if (stack.length > 0) (stack[stack.length - 1] as XmlElement).children.push(element);
    else if (root === undefined) root = element;
    else throw new Error('two root elements');
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

export function all(element: XmlElement, name: string): XmlElement[] {
  return [
    ...(element.name === name ? [element] : []),
    ...element.children.flatMap((c) => all(c, name)),
  ];
}
