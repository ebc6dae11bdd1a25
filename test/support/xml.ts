/**
 * A small strict XML reader for the TwiML tests: one root element, matched tags, quoted attributes,
 * only the predefined entities. Anything else throws, so a test that parses an answer proves it is
 * well-formed XML before it looks at the verbs.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decode = (text: string): string => {
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`unknown entity in ${JSON.stringify(text)}`);
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
};

/** Parses `text` (an optional XML declaration, then one element); throws when it is not well-formed. */
export const parseXml = (text: string): XmlElement => {
  let at = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(text)?.[0].length ?? 0;
  const element = (): XmlElement => {
    const open = /^<([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(text.slice(at));
    if (!open?.[1]) throw new Error(`expected an element at ${at}: ${text.slice(at, at + 40)}`);
    at += open[0].length;
    const name = open[1];
    const attributes: Record<string, string> = {};
    for (const [, key = '', value = ''] of (open[2] ?? '').matchAll(/([A-Za-z][\w.-]*)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`attribute ${key} repeated on <${name}>`);
      attributes[key] = decode(value);
    }
    const children: (XmlElement | string)[] = [];
    if (open[3]) return { name, attributes, children };
    for (;;) {
      if (text.startsWith(`</${name}>`, at)) {
        at += name.length + 3;
        return { name, attributes, children };
      }
      if (text.startsWith('</', at) || at >= text.length) throw new Error(`<${name}> is not closed at ${at}`);
      if (text[at] === '<') {
        children.push(element());
        continue;
      }
      const end = text.indexOf('<', at);
      if (end < 0) throw new Error(`<${name}> is not closed`);
      children.push(decode(text.slice(at, end)));
      at = end;
    }
  };
  const root = element();
  if (text.slice(at).trim() !== '')
    throw new Error(`text after the root element: ${text.slice(at, at + 40)}`);
  return root;
};

/** The element's text (its string children joined). */
export const textOf = (element: XmlElement): string =>
  element.children.filter((child): child is string => typeof child === 'string').join('');

/** The element's child elements. */
export const elementsOf = (element: XmlElement): XmlElement[] =>
  element.children.filter((child): child is XmlElement => typeof child !== 'string');
