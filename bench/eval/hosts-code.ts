// Source-code formats: Python, JavaScript, TypeScript, minified JavaScript, Go, Java, Ruby, PHP.
import { dq, indent, isIdent, itemLines, sq, type Block, type Host, type Item } from './host.ts';
import type { Rand } from './keys.ts';
import { ALNUM, HEX, NOUNS, SERVICES, VERBS, camel, chance, chars, int, pascal, pick, snake } from './vocab.ts';

const line = (text: string): Block => ({ lines: [text], target: 0 });
const val = (item: Item, q: (v: string) => string): string => (item.expr ? item.value : q(item.value));
/** First and last lines of a block wrapped around a multi-line value. */
function wrap(item: Item, open: string, close: string): Block {
  const ls = itemLines(item);
  return { lines: [open + ls[0], ...ls.slice(1, -1), ls[ls.length - 1] + close], target: 0 };
}
const notAssignOrIdent = (item: Item): boolean => item.style !== 'assign' || isIdent(item.key);

export const python: Host = {
  id: 'python',
  path: (rand) => pick(rand, [`${pick(rand, SERVICES)}/${snake(rand, 1)}.py`, `app/settings/${pick(rand, ['base', 'production', 'local'])}.py`, `scripts/${pick(rand, VERBS)}_${snake(rand, 1)}.py`]),
  styles: ['assign', 'call', 'comment', 'pem', 'json-escaped'],
  header: () => ['import logging', 'import os', '', 'log = logging.getLogger(__name__)', ''],
  render: (item, rand) => {
    if (item.style === 'comment') return line(`# ${item.key} = ${dq(item.value)}`);
    if (item.style === 'call') return line(`client = ${pascal(rand)}Client(${sq(item.value)})`);
    if (item.style === 'pem') return wrap(item, `${isIdent(item.key) ? item.key : 'PRIVATE_KEY'} = """`, '"""');
    if (isIdent(item.key) && chance(rand, 0.6)) return line(`${item.key} = ${val(item, sq)}`);
    return { lines: [`${pick(rand, ['SETTINGS', 'CONFIG', 'DEFAULTS'])} = {`, `    ${dq(item.key)}: ${val(item, dq)},`, `    "timeout": ${int(rand, 1, 60)},`, '}'], target: 1 };
  },
  filler: (rand) => {
    const f = snake(rand, 2);
    const body = chance(rand, 0.2) ? '    if not token:\n        raise ValueError("missing token")' : `    log.info("${f} %s", ${pick(rand, NOUNS)}_id)`;
    return [`def ${pick(rand, VERBS)}_${f}(${pick(rand, NOUNS)}_id, token=None):`, ...body.split('\n'), `    return {"id": ${pick(rand, NOUNS)}_id, "status": "${pick(rand, ['ok', 'queued', 'done'])}"}`, '', ''];
  },
};

function jsHost(id: 'javascript' | 'typescript'): Host {
  const ts = id === 'typescript';
  return {
    id,
    path: (rand) => `src/${pick(rand, NOUNS)}/${camel(rand)}.${ts ? 'ts' : pick(rand, ['js', 'js', 'mjs'])}`,
    styles: ['assign', 'call', 'comment', 'pem', 'json-escaped'],
    header: (rand) => [`import { ${camel(rand)} } from "./${pick(rand, NOUNS)}.js";`, ''],
    render: (item, rand) => {
      const t = ts ? ': string' : '';
      if (item.style === 'comment') return line(`// ${item.key} = ${dq(item.value)}`);
      if (item.style === 'call') return line(`const client = new ${pascal(rand)}Client(${sq(item.value)});`);
      if (item.style === 'pem') return wrap(item, `export const ${isIdent(item.key) ? item.key : 'privateKey'}${t} = \``, '`;');
      if (isIdent(item.key) && chance(rand, 0.6)) return line(`${pick(rand, ['const', 'export const'])} ${item.key}${t} = ${val(item, sq)};`);
      return { lines: ['export const config = {', `  ${isIdent(item.key) ? item.key : dq(item.key)}: ${val(item, dq)},`, `  retries: ${int(rand, 0, 5)},`, '};'], target: 1 };
    },
    filler: (rand) => {
      const f = camel(rand);
      const arg = pick(rand, NOUNS);
      const extra = chance(rand, 0.2) ? ['  if (!token) throw new Error("missing token");'] : [];
      return [`export async function ${f}(${arg}${ts ? ': string' : ''}, token${ts ? '?: string' : ''}) {`, ...extra, `  const res = await fetch(\`/api/${arg}s/\${${arg}}\`);`, '  return res.json();', '}', ''];
    },
  };
}

export const javascript = jsHost('javascript');
export const typescript = jsHost('typescript');

/** A bundle: one very long line of minified code (longer than the detector's long-line limit). */
export const minified: Host = {
  id: 'minified-js',
  path: (rand) => `public/assets/app.${chars(rand, HEX, 8)}.min.js`,
  styles: ['assign'],
  accepts: (item) => isIdent(item.key) && !item.expr,
  maxItems: 1,
  render: (item, rand) => line(`!function(){"use strict";${minifiedCode(rand, 3000)}var ${chars(rand, 'abcdefgh', 1)}={${item.key}:${dq(item.value)},debug:!1};${minifiedCode(rand, 3000)}}();`),
  filler: () => [],
};

/** Minified-looking JavaScript of about `size` characters, with harmless credential words in it. */
export function minifiedCode(rand: Rand, size: number): string {
  let s = '';
  while (s.length < size) {
    const a = chars(rand, 'abcdefghijklmnopqrstuvwxyz', 1);
    s += pick(rand, [
      `function ${a}(e,t){return e.${camel(rand)}=t.${camel(rand)}||null,e}`,
      `${a}.prototype.${camel(rand)}=function(){return this.token?this.token.length:0};`,
      `var ${a}${int(rand, 0, 99)}="${pick(rand, NOUNS)}-${pick(rand, NOUNS)}";`,
      `if(!${a}.password)throw new Error("password required");`,
      `${a}.headers.Authorization="Bearer "+${a}.accessToken;`,
      `var ${a}_k="${chars(rand, ALNUM, 6)}";`,
      `${a}.createElement("input",{type:"password",name:"password",autoComplete:"current-password",placeholder:"Password"})`,
      `var ${a}T={tokenType:"Bearer",secretName:"api-credentials",passwordPolicy:"min-12"};`,
    ]);
  }
  return s;
}

export const go: Host = {
  id: 'go',
  path: (rand) => pick(rand, [`internal/${pick(rand, NOUNS)}/${pick(rand, NOUNS)}.go`, `cmd/${pick(rand, SERVICES)}/main.go`]),
  styles: ['assign', 'call', 'comment', 'pem', 'json-escaped'],
  header: (rand) => [`package ${pick(rand, NOUNS)}`, '', 'import (', '\t"context"', '\t"fmt"', '\t"os"', ')', ''],
  render: (item, rand) => {
    if (item.style === 'comment') return line(`// ${item.key} = ${dq(item.value)}`);
    if (item.style === 'call') return line(`var client = sdk.NewClient(${dq(item.value)})`);
    if (item.style === 'pem') return wrap(item, `var ${isIdent(item.key) ? item.key : 'privateKey'} = \``, '`');
    if (isIdent(item.key) && chance(rand, 0.4)) return line(`${pick(rand, item.expr ? ['var'] : ['const', 'var'])} ${item.key} = ${val(item, dq)}`);
    if (isIdent(item.key) && chance(rand, 0.5)) return { lines: ['func init() {', `\t${item.key} := ${val(item, dq)}`, `\t_ = ${item.key}`, '}'], target: 1 };
    return { lines: ['var defaults = map[string]string{', `\t${dq(item.key)}: ${val(item, dq)},`, '}'], target: 1 };
  },
  filler: (rand) => [`func ${pascal(rand)}(ctx context.Context, id string) error {`, `\tif id == "" {`, `\t\treturn fmt.Errorf("${pick(rand, NOUNS)}: empty id")`, '\t}', `\t_ = os.Getenv("${pick(rand, ['LOG_LEVEL', 'REGION', 'PORT'])}")`, '\treturn nil', '}', ''],
};

export const java: Host = {
  id: 'java',
  path: (rand) => `src/main/java/com/acme/${pick(rand, SERVICES)}/${pascal(rand)}.java`,
  styles: ['assign', 'call', 'comment', 'pem', 'json-escaped'],
  accepts: notAssignOrIdent,
  header: (rand) => [`package com.acme.${pick(rand, SERVICES)};`, '', 'import java.util.Map;', '', `public class ${pascal(rand)} {`],
  footer: () => ['}'],
  render: (item, rand) => {
    if (item.style === 'comment') return line(`    // ${item.key} = ${dq(item.value)}`);
    if (item.style === 'call') return line(`    private final ${pascal(rand)}Client client = new ${pascal(rand)}Client(${dq(item.value)});`);
    if (item.style === 'pem') return { lines: [`    private static final String ${isIdent(item.key) ? item.key : 'PRIVATE_KEY'} = """`, ...indent(itemLines(item), '        '), '        """;'], target: 1 };
    return line(`    private static final String ${item.key} = ${val(item, dq)};`);
  },
  filler: (rand) => [`    public String ${camel(rand)}(String id) {`, `        return "${pick(rand, NOUNS)}:" + id;`, '    }', ''],
};

export const ruby: Host = {
  id: 'ruby',
  path: (rand) => pick(rand, [`config/initializers/${pick(rand, NOUNS)}.rb`, `lib/${snake(rand, 2)}.rb`]),
  styles: ['assign', 'call', 'comment', 'pem'],
  header: () => ['# frozen_string_literal: true', '', 'require "json"', ''],
  render: (item, rand) => {
    if (item.style === 'comment') return line(`# ${item.key} = ${dq(item.value)}`);
    if (item.style === 'call') return line(`client = ${pascal(rand)}::Client.new(${dq(item.value)})`);
    if (item.style === 'pem') return { lines: [`${isIdent(item.key) ? item.key.toUpperCase() : 'PRIVATE_KEY'} = <<~PEM`, ...indent(itemLines(item), '  '), 'PEM'], target: 1 };
    if (isIdent(item.key) && chance(rand, 0.5)) return line(`${item.key} = ${val(item, dq)}`);
    return { lines: ['CONFIG = {', `  ${dq(item.key)} => ${val(item, dq)},`, '}.freeze'], target: 1 };
  },
  filler: (rand) => [`def ${pick(rand, VERBS)}_${snake(rand, 1)}(id)`, `  JSON.generate(id: id, kind: "${pick(rand, NOUNS)}")`, 'end', ''],
};

export const php: Host = {
  id: 'php',
  path: (rand) => `config/${pick(rand, NOUNS)}.php`,
  styles: ['assign', 'call', 'comment'],
  header: () => ['<?php', '', 'declare(strict_types=1);', ''],
  render: (item, rand) => {
    if (item.style === 'comment') return line(`// ${item.key} = ${sq(item.value)}`);
    if (item.style === 'call') return line(`$client = new \\Acme\\Client(${sq(item.value)});`);
    if (isIdent(item.key) && chance(rand, 0.5)) return line(`$${item.key} = ${val(item, sq)};`);
    return { lines: ['return [', `    ${sq(item.key)} => ${val(item, sq)},`, `    'debug' => false,`, '];'], target: 1 };
  },
  filler: (rand) => [`function ${snake(rand, 2)}(array $args): string`, '{', `    return implode(",", $args) . "${pick(rand, NOUNS)}";`, '}', ''],
};

/** Every source-code host. */
export const CODE_HOSTS: readonly Host[] = [python, javascript, typescript, minified, go, java, ruby, php];
