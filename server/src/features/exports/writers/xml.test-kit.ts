/**
 * Reading XML parts back in tests (not used by production code) with Python's ElementTree: a
 * parser that shares nothing with the code that wrote them, and refuses XML that is not well formed.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';

/** An element as Python's ElementTree reads it (a parser that shares nothing with the builder). */
export interface Element {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Element[];
}

const PARSE = `
import json, sys, xml.etree.ElementTree as ET
def local(n): return n.split('}')[-1]
def walk(e): return {"tag": local(e.tag), "attrs": {local(k): v for k, v in e.attrib.items()}, "text": e.text or "", "children": [walk(c) for c in e]}
print(json.dumps(walk(ET.fromstring(sys.stdin.buffer.read()))))`;

export function parseXml(xml: string): Element {
  return JSON.parse(execFileSync('python3', ['-c', PARSE], { input: xml, encoding: 'utf8' })) as Element;
}

export function find(e: Element, tag: string): Element[] {
  return [...(e.tag === tag ? [e] : []), ...e.children.flatMap((c) => find(c, tag))];
}
export function one(e: Element, tag: string): Element {
  const found = find(e, tag);
  expect(found, tag).toHaveLength(1);
  return found[0]!;
}
export function tags(e: Element): string[] {
  return e.children.map((c) => c.tag);
}

