/**
 * Assessment of the city governments' quality work (质量工作考核, issue 20): every year the
 * province assesses each city government against an indicator system of 100 points — the city's
 * self-evaluation with its evidence, the province's departments scoring their indicators, the
 * ranking and grades published with the 通报, remediation of the cities at the bottom or failing
 * with follow-up talks, and the follow-up of the national assessment's feedback.
 */
import { defineModule } from '../module'
import en from './locales/en'
import resultsEn from './locales/results.en'
import resultsZhCN from './locales/results.zh-CN'
import zhCN from './locales/zh-CN'
import { routes } from './routes'

export default defineModule({ name: 'assessment', routes, messages: { 'zh-CN': { ...zhCN, ...resultsZhCN }, en: { ...en, ...resultsEn } } })
