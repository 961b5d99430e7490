/**
 * Household-car 三包 (家用汽车产品三包, seed point 18; SAMR Order No. 43, docs/engines/sanbao.md):
 * for now the consumers' public self-check without login, which explains the engine's decision
 * article by article.
 */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { publicRoutes, routes } from './routes'

export default defineModule({ name: 'car', routes, publicRoutes, messages: { 'zh-CN': zhCN, en } })
