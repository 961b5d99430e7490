/**
 * Service-quality monitoring (服务质量监测, issue 18): satisfaction questionnaires on an ACSI-style
 * model, rounds of fieldwork with quotas by city and service, responses entered, imported or
 * collected through one-time public links with data-quality checks, the PLS results and the
 * 通报, remediation tasks and the coordinated handling of major service-quality events.
 */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { publicRoutes, routes } from './routes'

export default defineModule({ name: 'service', routes, publicRoutes, messages: { 'zh-CN': zhCN, en } })
