/**
 * Quality monitoring (质量监测, docs/guide/quality.md): the indicator catalogue and frameworks,
 * collection rounds and submissions, values and data sharing, the comparative analysis, the yearly
 * report and improvement actions.
 */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { routes } from './routes'

export default defineModule({ name: 'quality', routes, messages: { 'zh-CN': zhCN, en } })
