// The product catalogue: an admin imports a CSV with bad rows, reads the problems by line
// and column, fixes the file and imports it; everyone can search and export; only admins edit.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { apiCall, launchBrowser, login, screenshot, settle, waitForValue } from './helpers/browser.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser(server.baseURL)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

const HEADER = 'sku,name,department_code,category,unit,case_pack,shelf_life_days,cost_price,retail_price,perishable'
const csvFile = (name, lines) => ({ name, mimeType: 'text/csv', buffer: Buffer.from([...lines, ''].join('\n'), 'utf8') })

test('admin imports products: bad rows are listed by line, the fixed file imports', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('nav-products').click()
  await page.getByTestId('products-table').getByText('P10001').waitFor()

  await page.getByTestId('product-import').click()
  const dialog = page.getByTestId('product-import-dialog')
  const lines = [
    HEADER,
    'T90001,测试富士苹果,produce,水果,kg,10,14,6.20,9.90,true',
    'T90002,测试香蕉,produce,水果,kg,12,7,3.205,5.50,是',
    'T90003,测试苏打饼干,dry,饼干,each,24,180,4.00,6.80,false',
    'T90004,测试鲜牛奶,produce,乳品,each,12,5,5.10,7.90,true',
    'T90005,测试面包,bakery,面包,each,10,3,2.00,3.50,true',
    'T90006,测试酸奶,produce,乳品,each,12,21,3.10,4.90,true',
    'T90007,测试吐司,bakery,面包,each,10,3,4.00,6.50,true',
    'T90008,测试挂面,dry,面条,each,20,365,3.30,5.20,false',
    'T90009,测试鸡蛋,produce,蛋类,each,30,20,0.60,0.99,true',
    'T90010,测试猪肉,meat,鲜肉,kg,10,3,18.00,fresh,true',
  ]
  await dialog.getByTestId('product-import-file-input').setInputFiles(csvFile('products.csv', lines))
  const table = dialog.getByTestId('import-errors-table')
  await table.waitFor()
  const rows = await table.locator('.el-table__body tr').allInnerTexts()
  assert.equal(rows.length, 2, rows.join(' | '))
  assert.match(rows[0], /^3\s[\s\S]*进价[\s\S]*cost_price[\s\S]*最多 2 位小数/)
  assert.match(rows[1], /^11\s[\s\S]*售价[\s\S]*retail_price/, 'line 11 sorts after line 3')
  assert.equal(await dialog.getByTestId('product-import-submit').isDisabled(), true, 'nothing to import yet')
  await settle(page)
  await screenshot(page, 'product-import-errors-desktop')

  lines[2] = 'T90002,测试香蕉,produce,水果,kg,12,7,3.20,5.50,是'
  lines[10] = 'T90010,测试猪肉,meat,鲜肉,kg,10,3,18.00,26.80,true'
  await dialog.getByTestId('product-import-file-input').setInputFiles(csvFile('products-fixed.csv', lines))
  await dialog.getByTestId('product-import-ready').waitFor()
  assert.match(await dialog.getByTestId('product-import-ready').innerText(), /共 10 行，将新建 10 个/)
  await dialog.getByTestId('product-import-submit').click()
  await dialog.getByTestId('import-summary').waitFor()
  assert.equal((await dialog.getByTestId('summary-created').innerText()).replace(/\D/g, ''), '10')
  await screenshot(page, 'product-import-done-desktop')
  await dialog.getByTestId('product-import-close').click()

  await page.getByTestId('product-search').fill('T900')
  await page.getByTestId('product-search').press('Enter')
  await page.getByTestId('products-table').getByText('测试猪肉').waitFor()
  const found = await apiCall(page, 'GET', '/products/T90010')
  assert.equal(found.body.retail_price, '26.80')

  // A GBK file, as Excel's plain "CSV" saves it in China, imports with its Chinese intact.
  await page.getByTestId('product-import').click()
  const gbk = Buffer.from([...Buffer.from(`${HEADER}\nT90011,`), 0xb2, 0xe2, 0xca, 0xd4, ...Buffer.from(',produce,x,kg,1,1,1.00,2.00,true\n')])
  await dialog.getByTestId('product-import-file-input').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: gbk })
  await dialog.getByTestId('product-import-ready').waitFor()
  await dialog.getByTestId('product-import-submit').click()
  await dialog.getByTestId('import-summary').waitFor()
  assert.equal((await apiCall(page, 'GET', '/products/T90011')).body.name, '测试')

  // Bytes that are no text in any of those encodings are explained in the user's language.
  await dialog.getByTestId('product-import-close').click()
  await page.getByTestId('product-import').click()
  const junk = Buffer.from([...Buffer.from(`${HEADER}\nT90012,`), 0x80, 0xff, ...Buffer.from(',produce,x,kg,1,1,1.00,2.00,true\n')])
  await dialog.getByTestId('product-import-file-input').setInputFiles({ name: 'junk.csv', mimeType: 'text/csv', buffer: junk })
  await dialog.getByTestId('import-errors-table').getByText('CSV UTF-8').waitFor()
  assert.match(await dialog.getByTestId('import-errors-table').innerText(), /不是可读的文本/)
})

test('the export downloads what the filter shows', async () => {
  const page = await browser.session()
  await login(page, 'manager1')
  await page.getByTestId('nav-products').click()
  await page.getByTestId('read-only').waitFor()
  assert.equal(await page.getByTestId('product-import').count(), 0)
  assert.equal(await page.getByTestId('product-create').count(), 0)
  await page.getByTestId('product-search').fill('P1000')
  await page.getByTestId('product-search').press('Enter')
  await page.getByTestId('products-table').getByText('P10009').waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('product-export').click()])
  assert.equal(download.suggestedFilename(), 'products.csv')
  const text = await readFile(await download.path(), 'utf8')
  const rows = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  assert.match(rows[0], /^sku,name,department_code/)
  assert.deepEqual(rows.slice(1).map((r) => r.split(',')[0]), ['P10001', 'P10002', 'P10003', 'P10004', 'P10005', 'P10006', 'P10007', 'P10008', 'P10009'])
})

test('admin edits a product; a stale version asks to reload', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('nav-products').click()
  await page.getByTestId('product-search').fill('P10002')
  await page.getByTestId('product-search').press('Enter')
  await page.getByTestId('product-edit-P10002').click()
  const dialog = page.getByTestId('product-dialog')
  await dialog.getByTestId('product-name').waitFor()

  const current = (await apiCall(page, 'GET', '/products/P10002')).body
  const bumped = await apiCall(page, 'PATCH', '/products/P10002', { location: 'Z99-01', version: current.version })
  assert.equal(bumped.status, 200, JSON.stringify(bumped.body))

  await dialog.getByTestId('product-retail-price').fill('7.19')
  await dialog.getByTestId('product-save').click()
  await dialog.getByTestId('product-form-error').getByText('重新加载').first().waitFor()
  await dialog.getByTestId('product-reload').click()
  assert.equal(await waitForValue(dialog.getByTestId('product-location'), 'Z99-01'), 'Z99-01')
  await dialog.getByTestId('product-retail-price').fill('7.19')
  await dialog.getByTestId('product-save').click()
  await dialog.waitFor({ state: 'hidden' })
  assert.equal((await apiCall(page, 'GET', '/products/P10002')).body.retail_price, '7.19')

  // A server field error lands next to its field.
  await page.getByTestId('product-create').click()
  // The dialog clears the product it showed last when it opens: fill it only once it has, or
  // a slow machine clears what was typed and the save never reaches the server.
  assert.equal(await waitForValue(dialog.getByTestId('product-sku'), ''), '')
  await dialog.getByTestId('product-sku').fill('P10001')
  await dialog.getByTestId('product-name').fill('重复')
  await dialog.getByTestId('product-department-select').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '果蔬' }).first().click()
  await dialog.getByTestId('product-department-select').getByText('果蔬').waitFor()
  await dialog.getByTestId('product-category-input').fill('叶菜')
  await dialog.getByTestId('product-cost-price').fill('1.00')
  await dialog.getByTestId('product-retail-price').fill('2.00')
  await dialog.getByTestId('product-save').click()
  const skuError = dialog.locator('.el-form-item', { has: page.getByTestId('product-sku') }).locator('.el-form-item__error')
  await skuError.waitFor()
  assert.equal((await skuError.innerText()).trim(), '该 SKU 已存在')
  await screenshot(page, 'product-dialog-desktop')
})

test('no page error or CSP violation was seen', () => {
  assert.deepEqual(browser.problems, [])
})
