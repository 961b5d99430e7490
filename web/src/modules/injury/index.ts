/**
 * Product-injury monitoring (产品伤害监测, docs/guide/injury.md): monitoring points and their
 * sampling design, injury cases, weighted estimates, defect reports (with a public form without
 * login), disproportionality signals and their register.
 */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { publicRoutes, routes } from './routes'

export default defineModule({ name: 'injury', routes, publicRoutes, messages: { 'zh-CN': zhCN, en } })
