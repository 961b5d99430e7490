import { describe, expect, it } from 'vitest'
import { absoluteUrl, csvField, linksCsv, linksText } from './links'

const links = [{ token: 'abc', url: '/public/survey/abc' }, { token: 'd"e', url: 'https://x.test/public/survey/de' }]
const header = { no: '序号', region: '市州', service: '服务', url: '链接', token: '令牌' }

describe('one-time links', () => {
  it('are addresses on this site', () => {
    expect(absoluteUrl('/public/survey/abc', 'https://lz.gs.gov.cn/')).toBe('https://lz.gs.gov.cn/public/survey/abc')
    expect(absoluteUrl('public/survey/abc', 'http://localhost:5173')).toBe('http://localhost:5173/public/survey/abc')
    expect(absoluteUrl('https://other/x', 'http://localhost')).toBe('https://other/x')
  })

  it('quote CSV fields only when needed', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField(3)).toBe('3')
  })

  it('download as CSV with a BOM, a header and the quota named', () => {
    const csv = linksCsv(links, 'http://h', header, { region: '兰州市', service: '餐饮' })
    expect(csv.startsWith('\uFEFF序号,市州,服务,链接,令牌\r\n')).toBe(true)
    expect(csv).toContain('1,兰州市,餐饮,http://h/public/survey/abc,abc\r\n')
    expect(csv).toContain('2,兰州市,餐饮,https://x.test/public/survey/de,"d""e"\r\n')
  })

  it('copy as one address a line', () => {
    expect(linksText(links, 'http://h')).toBe('http://h/public/survey/abc\nhttps://x.test/public/survey/de')
  })
})
