/**
 * Quality awards and brands (质量奖励与品牌, issue 19): four programmes of one shape — the
 * provincial government quality award (省政府质量奖), the 陇字号 brand certification, the quality
 * benchmark cities (质量标杆城市) and the quality-and-brand demonstration zones (质量品牌提升示范区):
 * rounds with their rubric, applications recommended by the cities and checked by the province,
 * expert panels scoring in stages, the notice with its objections, the decision and certificates,
 * and the terms' surveillance and re-evaluation; public pages list the honours, the notices and
 * check a certificate.
 */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { publicRoutes, routes } from './routes'

export default defineModule({ name: 'programme', routes, publicRoutes, messages: { 'zh-CN': zhCN, en } })
