/**
 * Product recalls (缺陷产品召回, docs/guide/recall.md): risk assessments by the EU Safety Gate
 * method, defect investigations with experts, recalls and their progress, safety warnings, and
 * the public recall portal without login.
 */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { publicRoutes, routes } from './routes'

export default defineModule({ name: 'recall', routes, publicRoutes, messages: { 'zh-CN': zhCN, en } })
