import { describe, expect, it } from 'vitest'
import type { CurrentUser } from '@/api/types'
import { chineseNumeral, cityList, describeCities, dateWithin, isCompleted, isOwnTarget, partPrefix, pointPrefix, ratePercent, todayIso, yearFromText, yearSpan } from './plan'

describe('plan numbering', () => {
  it('writes Chinese numerals as the plan texts do', () => {
    expect([1, 5, 9, 10, 11, 19, 20, 21, 35, 99].map(chineseNumeral)).toEqual(['一', '五', '九', '十', '十一', '十九', '二十', '二十一', '三十五', '九十九'])
    expect(chineseNumeral(0)).toBe('0')
    expect(chineseNumeral(100)).toBe('100')
    expect(chineseNumeral(1.5)).toBe('1.5')
  })

  it('prefixes parts and points by the UI language', () => {
    expect(partPrefix(3, 'zh-CN')).toBe('三、')
    expect(pointPrefix(12, 'zh-CN')).toBe('（十二）')
    expect(partPrefix(3, 'en')).toBe('3. ')
    expect(pointPrefix(12, 'en')).toBe('(12) ')
  })
})

describe('plan dates', () => {
  it('reads the year of a document number or title', () => {
    expect(yearFromText('甘市监办函〔2023〕18号')).toBe(2023)
    expect(yearFromText(null, '2024年质量发展工作要点')).toBe(2024)
    expect(yearFromText('甘市监发[2022]3号')).toBe(2022)
    expect(yearFromText('第18号', '')).toBeNull()
    expect(yearFromText('〔1850〕')).toBeNull()
  })

  it('spans a calendar year and checks dates within bounds', () => {
    expect(yearSpan(2023)).toEqual(['2023-01-01', '2023-12-31'])
    expect(dateWithin('2023-01-01', '2023-01-01', '2023-12-31')).toBe(true)
    expect(dateWithin('2023-12-31', '2023-01-01', '2023-12-31')).toBe(true)
    expect(dateWithin('2024-01-01', '2023-01-01', '2023-12-31')).toBe(false)
    expect(dateWithin('2022-12-31', '2023-01-01', null)).toBe(false)
    expect(dateWithin('2030-01-01', '2023-01-01', undefined)).toBe(true)
    expect(dateWithin('', '2023-01-01', '2023-12-31')).toBe(false)
  })

  it('gives today in local time', () => {
    expect(todayIso(new Date(2023, 2, 6, 23, 59))).toBe('2023-03-06')
  })
})

describe('plan progress', () => {
  it('turns rates into whole percentages', () => {
    expect(ratePercent(0.5)).toBe(50)
    expect(ratePercent(1 / 3)).toBe(33)
    expect(ratePercent(1.2)).toBe(100)
    expect(ratePercent(Number.NaN)).toBe(0)
    expect(ratePercent(undefined)).toBe(0)
  })

  it('counts a target completed only when done and accepted', () => {
    expect(isCompleted({ status: 'done', review: 'accepted' })).toBe(true)
    expect(isCompleted({ status: 'done', review: 'pending' })).toBe(false)
    expect(isCompleted({ status: 'in_progress', review: 'accepted' })).toBe(false)
  })

  it('knows the targets the user reports on', () => {
    const lanzhou: CurrentUser = { id: 3, username: 'lanzhou', name: '兰州', org: { id: 20, name: '兰州市市场监督管理局', kind: 'city_bureau' }, region: { code: '620100', name: '兰州市' }, roles: [], permissions: [], data_scope: 'region', must_change_password: false }
    const province: CurrentUser = { ...lanzhou, org: { id: 2, name: '质量发展处', kind: 'department' }, region: { code: '620000', name: '甘肃省' } }
    const cityTarget = { org_id: 20, org_kind: 'city_bureau', region_code: '620100' }
    expect(isOwnTarget(cityTarget, lanzhou)).toBe(true)
    expect(isOwnTarget({ ...cityTarget, org_id: 21 }, { ...lanzhou, org: { id: 99, name: '兰州市局某科', kind: 'city_bureau' } })).toBe(true)
    expect(isOwnTarget({ org_id: 30, org_kind: 'city_bureau', region_code: '620500' }, lanzhou)).toBe(false)
    expect(isOwnTarget(cityTarget, province)).toBe(false)
    expect(isOwnTarget({ org_id: 2, org_kind: 'department', region_code: '620000' }, province)).toBe(true)
    expect(isOwnTarget(cityTarget, null)).toBe(false)
  })
})

describe('addressed cities', () => {
  it('names the cities it knows and counts the others', () => {
    const names = { '620100': '兰州市', '620500': '天水市' }
    expect(cityList(['620100', '620500'], names)).toEqual({ names: ['兰州市', '天水市'], others: 0 })
    expect(cityList(['620100', '620900', '621200'], { '620100': '兰州市' })).toEqual({ names: ['兰州市'], others: 2 })
    expect(cityList(['620100'], undefined)).toEqual({ names: [], others: 1 })
  })
})

describe('task cities as text', () => {
  const t = (k: string, p?: Record<string, unknown>) => (p ? `${k}:${JSON.stringify(p)}` : k)
  it('says all, none, or which', () => {
    expect(describeCities({ city_scope: 'all', city_codes: [] }, {}, t)).toBe('plan.cityScopes.all')
    expect(describeCities({ city_scope: 'none', city_codes: [] }, {}, t)).toBe('common.none')
    expect(describeCities({ city_scope: 'some', city_codes: ['620100', '620500'] }, { '620100': '兰州市', '620500': '天水市' }, t)).toBe('兰州市、天水市')
    expect(describeCities({ city_scope: 'some', city_codes: ['620100', '620500'] }, { '620100': '兰州市' }, t)).toBe('兰州市 plan.otherCities:{"n":1}')
    expect(describeCities({ city_scope: 'some', city_codes: ['620500'] }, {}, t)).toBe('plan.citiesCount:{"n":1}')
  })
})
