// @vitest-environment node
// No text in a .vue template bypasses i18n: text nodes and user-visible attributes
// (placeholder, title, label, aria-label, alt, content, *-text, ...) are bound to t(...),
// not written in. Checked on the parsed template, so comments, tags and bindings are told
// apart; a string literal with Chinese in any template expression is flagged too.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'vue/compiler-sfc'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Literal texts allowed in a template. Symbols, digits and punctuation never count (no
 * letters); words need a reason:
 * - SKU: the stock-keeping-unit code is called "SKU" in both languages (the zh-CN texts say
 *   "SKU" too, e.g. stocktakes.skus 'SKU 清单'), like a unit symbol.
 */
const ALLOWED = new Set(['SKU'])

/** Attributes a user reads or hears: a literal value here must be a translation instead. */
const VISIBLE_ATTR = /^(placeholder|title|label|alt|content|description|sub-title|range-separator|aria-(label|description|placeholder|roledescription|valuetext)|.+-(text|placeholder|label|title))$/i

const LETTERS = /\p{L}/u
const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u
/** A whole expression that is one string literal: 'x', "x" or `x` (with ${...} parts). */
const LITERAL = /^\s*(?:'([^'\\]*)'|"([^"\\]*)"|`([^`\\]*)`)\s*$/
/** String literals anywhere in an expression. */
const LITERALS = /'([^'\\]*)'|"([^"\\]*)"|`([^`\\]*)`/g

// Template AST node types of @vue/compiler-core (NodeTypes), as the SFC parser returns them.
const ELEMENT = 1
const TEXT = 2
const INTERPOLATION = 5
const ATTRIBUTE = 6
const DIRECTIVE = 7

interface Loc {
  start: { line: number }
}
interface Expr {
  content: string
  loc: Loc
}
interface Prop {
  type: number
  name: string
  loc: Loc
  value?: { content: string }
  arg?: Expr
  exp?: Expr
}
interface Node {
  type: number
  loc: Loc
  content?: string | Expr
  props?: Prop[]
  children?: Node[]
}

/** Text a user would see, minus ${...} parts of a template literal and allowed words. */
function visibleWords(text: string): string {
  return text
    .replace(/\$\{[^}]*\}/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== '' && !ALLOWED.has(word))
    .join(' ')
}

function literalOf(expression: string): string | undefined {
  const match = LITERAL.exec(expression)
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

/** Literal texts in one SFC's template, as "line: what" strings. */
function findLiterals(source: string): string[] {
  const template = parse(source).descriptor.template
  if (!template?.ast) return []
  const found: string[] = []
  const report = (loc: Loc, what: string) => found.push(`${loc.start.line}: ${what}`)

  function checkExpression(exp: Expr | undefined, where: string, visible: boolean): void {
    if (!exp) return
    const literal = literalOf(exp.content)
    if (visible && literal !== undefined && visibleWords(literal)) {
      report(exp.loc, `${where} ${JSON.stringify(literal)}`)
      return
    }
    for (const match of exp.content.matchAll(LITERALS)) {
      const text = match[1] ?? match[2] ?? match[3] ?? ''
      if (HAN.test(text)) report(exp.loc, `${where} has ${JSON.stringify(text)}`)
    }
  }

  function walk(node: Node): void {
    if (node.type === TEXT && typeof node.content === 'string' && visibleWords(node.content)) {
      report(node.loc, `text ${JSON.stringify(node.content.trim())}`)
    }
    if (node.type === INTERPOLATION && typeof node.content === 'object') {
      checkExpression(node.content, '{{ }}', true)
    }
    if (node.type === ELEMENT) {
      for (const prop of node.props ?? []) {
        if (prop.type === ATTRIBUTE && prop.value && VISIBLE_ATTR.test(prop.name) && LETTERS.test(visibleWords(prop.value.content))) {
          report(prop.loc, `${prop.name}=${JSON.stringify(prop.value.content)}`)
        }
        if (prop.type === DIRECTIVE) {
          const arg = prop.arg?.content ?? ''
          checkExpression(prop.exp, prop.name === 'bind' ? `:${arg}` : `v-${prop.name}`, prop.name === 'bind' && VISIBLE_ATTR.test(arg))
        }
      }
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(template.ast as unknown as Node)
  return found
}

function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return vueFiles(path)
    return name.endsWith('.vue') ? [path] : []
  })
}

describe('template texts', () => {
  const files = vueFiles(join(ROOT, 'src'))

  it('finds the templates', () => {
    expect(files.length).toBeGreaterThan(50)
  })

  it('are all translations', () => {
    const found = files.flatMap((file) => findLiterals(readFileSync(file, 'utf8')).map((hit) => `${relative(ROOT, file)}:${hit}`))
    expect(found).toEqual([])
  })
})

describe('findLiterals', () => {
  const sfc = (template: string) => `<script setup lang="ts">\nconst n = 1\n</script>\n\n<template>\n${template}\n</template>\n`

  it('names text nodes and visible attributes written in, with their line', () => {
    const found = findLiterals(
      sfc(
        [
          '<div>',
          '  <h1>Stocktakes</h1>',
          '  <p>盘点</p>',
          '  <el-input placeholder="Search" />',
          '  <img alt="logo" src="/a.svg">',
          '  <el-button :title="\'Close\'" aria-label="关闭" />',
          '  <el-popconfirm confirm-button-text="Yes" />',
          '  <span>{{ \'Total\' }} {{ names.join(\'、\') }}</span>',
          '</div>',
        ].join('\n'),
      ),
    )
    expect(found).toEqual([
      '7: text "Stocktakes"',
      '8: text "盘点"',
      '9: placeholder="Search"',
      '10: alt="logo"',
      '11: :title "Close"',
      '11: aria-label="关闭"',
      '12: confirm-button-text="Yes"',
      '13: {{ }} "Total"',
      "13: {{ }} has \"、\"",
    ])
  })

  it('lets translations, bindings, symbols, allowed words and non-visible attributes through', () => {
    const found = findLiterals(
      sfc(
        [
          '<div data-testid="page-title" class="title">',
          '  <!-- a comment in English -->',
          '  <h1>{{ t(\'stocktakes.title\') }}</h1>',
          '  <el-input :placeholder="t(\'common.search\')" type="text" />',
          '  <el-table-column label="SKU" prop="sku" />',
          '  <span>#{{ id }} · {{ qty }} × 2 = {{ total }} %</span>',
          '  <el-option :label="`${u.name} (${u.code})`" :value="row.kind === \'sale\'" />',
          '</div>',
        ].join('\n'),
      ),
    )
    expect(found).toEqual([])
  })
})
